#include "emulator/api_error.h"

#include <utility>

#include "emulator/json_writer.h"

namespace insights::emulator {

ApiError::ApiError(int http_status, std::string code, const std::string& message, std::vector<std::string> fields)
    : insights::Error(message), http_status_(http_status), code_(std::move(code)), fields_(std::move(fields)) {}

ApiError bad_request(std::string code, const std::string& message, std::vector<std::string> fields) {
  return ApiError(400, std::move(code), message, std::move(fields));
}

ApiError not_found(const std::string& message) { return ApiError(404, "NOT_FOUND", message); }

std::string error_body(std::string_view code, std::string_view message, const std::vector<std::string>& fields) {
  JsonWriter json;
  json.begin_array();
  json.begin_object();
  json.key("message").string(message);
  json.key("errorCode").string(code);
  if (!fields.empty()) {
    json.key("fields").begin_array();
    for (const auto& field : fields) json.string(field);
    json.end_array();
  }
  json.end_object();
  json.end_array();
  return json.take();
}

}  // namespace insights::emulator
