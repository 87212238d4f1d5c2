#pragma once
#include <map>
#include <optional>
#include <string>

#include "emulator/api_error.h"

namespace insights::emulator {

// The parts of an HTTP request the endpoints read; keeps them independent of the HTTP library.
struct HttpRequest {
  std::string method;
  std::string path;  // decoded, without the query string
  std::multimap<std::string, std::string> params;
  std::string body;
  std::string authorization;
  std::string content_type;

  std::optional<std::string> param(const std::string& name) const;
};

struct HttpReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json;charset=UTF-8";

  static HttpReply json(int status, std::string body);
  static HttpReply no_content();
  static HttpReply raw(std::string bytes, std::string content_type);
  static HttpReply from(const ApiError& error);
};

}  // namespace insights::emulator
