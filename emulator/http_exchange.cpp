#include "emulator/http_exchange.h"

#include <utility>

namespace insights::emulator {

std::optional<std::string> HttpRequest::param(const std::string& name) const {
  const auto found = params.find(name);
  if (found == params.end()) return std::nullopt;
  return found->second;
}

HttpReply HttpReply::json(int status, std::string body) {
  HttpReply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

HttpReply HttpReply::no_content() {
  HttpReply reply;
  reply.status = 204;
  reply.content_type.clear();
  return reply;
}

HttpReply HttpReply::raw(std::string bytes, std::string content_type) {
  HttpReply reply;
  reply.body = std::move(bytes);
  reply.content_type = std::move(content_type);
  return reply;
}

HttpReply HttpReply::from(const ApiError& error) {
  return json(error.http_status(), error_body(error.code(), error.what(), error.fields()));
}

}  // namespace insights::emulator
