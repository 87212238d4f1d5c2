#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/http/url_encode.h"
#include "shared/util/error.h"

namespace insights::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;
  std::string url;
  HeaderList headers;
  std::string body;
};

struct Response {
  long status = 0;
  std::string body;
  HeaderList headers;

  // Header names compare case-insensitively (RFC 9110); the first occurrence wins.
  std::optional<std::string> header(std::string_view name) const;
};

// No HTTP response arrived: connection refused, timeout, DNS, TLS. Always worth retrying.
class TransportError : public Error {
 public:
  using Error::Error;
};

class CurlEasy;

// One connection-reusing HTTP client. Not thread-safe: give each thread its own.
class HttpClient {
 public:
  HttpClient(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Returns every HTTP status as a Response; throws TransportError only when no response arrived.
  Response send(const Request& request);

 private:
  std::unique_ptr<CurlEasy> easy_;
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds total_timeout_;
};

}  // namespace insights::http
