#include "shared/salesforce/api_error.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <charconv>

namespace insights::salesforce {
namespace {

std::string string_member(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  return found != object.MemberEnd() && found->value.IsString() ? found->value.GetString() : std::string{};
}

std::optional<ErrorDetail> detail_from(const rapidjson::Value& object) {
  if (!object.IsObject()) {
    return std::nullopt;
  }
  ErrorDetail detail{string_member(object, "errorCode"), string_member(object, "message"), {}};
  if (detail.error_code.empty()) {  // OAuth token endpoint shape
    detail.error_code = string_member(object, "error");
    detail.message = string_member(object, "error_description");
  }
  if (const auto fields = object.FindMember("fields"); fields != object.MemberEnd() && fields->value.IsArray()) {
    for (const auto& field : fields->value.GetArray()) {
      if (field.IsString()) {
        detail.fields.emplace_back(field.GetString());
      }
    }
  }
  if (detail.error_code.empty() && detail.message.empty()) {
    return std::nullopt;
  }
  return detail;
}

std::string describe(const ErrorDetail& detail) {
  std::string text = detail.error_code.empty() ? std::string("error") : detail.error_code;
  if (!detail.fields.empty()) {
    text += fmt::format(" on {}", fmt::join(detail.fields, ","));
  }
  if (!detail.message.empty()) {
    text += ": " + detail.message;
  }
  return text;
}

std::string body_excerpt(std::string_view body) {
  constexpr std::size_t kMax = 200;
  std::string excerpt(body.substr(0, kMax));
  for (char& c : excerpt) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return body.size() > kMax ? excerpt + "..." : excerpt;
}

std::string advice(long status, bool transient) {
  if (transient) {
    return "temporary on Salesforce's side; it is retried automatically";
  }
  if (status == 404) {
    return "the record or resource does not exist; check the id or alias";
  }
  if (status == 401 || status == 403) {
    return "check the integration user's permissions and the connected app's policies";
  }
  return "Salesforce refused the request; fix the values named above, retrying as is will not help";
}

}  // namespace

ApiError::ApiError(const std::string& message, ApiErrorInfo info) : Error(message), info_(std::move(info)) {}

std::vector<ErrorDetail> parse_error_body(std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  std::vector<ErrorDetail> details;
  if (document.HasParseError()) {
    return details;
  }
  if (document.IsArray()) {
    for (const auto& entry : document.GetArray()) {
      if (auto detail = detail_from(entry)) {
        details.push_back(std::move(*detail));
      }
    }
  } else if (auto detail = detail_from(document)) {
    details.push_back(std::move(*detail));
  }
  return details;
}

bool is_transient_failure(long http_status, std::string_view error_code) {
  return http_status >= 500 || http_status == 408 || http_status == 429 ||
         (http_status == 403 && error_code == "REQUEST_LIMIT_EXCEEDED");
}

std::optional<std::chrono::seconds> parse_retry_after(const std::optional<std::string>& header) {
  if (!header || header->empty()) {
    return std::nullopt;
  }
  long long seconds = 0;
  const char* end = header->data() + header->size();
  const auto [stop, error] = std::from_chars(header->data(), end, seconds);
  if (error != std::errc{} || stop != end || seconds < 0) {
    return std::nullopt;
  }
  return std::chrono::seconds(seconds);
}

ApiError api_error_from_response(std::string_view what, const http::Response& response) {
  const auto details = parse_error_body(response.body);
  ApiErrorInfo info;
  info.http_status = response.status;
  std::vector<std::string> descriptions;
  for (const auto& detail : details) {
    if (info.error_code.empty()) {
      info.error_code = detail.error_code;
    }
    if (!info.salesforce_message.empty() && !detail.message.empty()) {
      info.salesforce_message += "; ";
    }
    info.salesforce_message += detail.message;
    info.fields.insert(info.fields.end(), detail.fields.begin(), detail.fields.end());
    descriptions.push_back(describe(detail));
  }
  if (details.empty()) {
    info.salesforce_message = body_excerpt(response.body);
    descriptions.push_back(info.salesforce_message.empty() ? std::string("empty response body")
                                                           : "unparsed body: " + info.salesforce_message);
  }
  info.transient = is_transient_failure(response.status, info.error_code);
  if (info.transient) {
    info.retry_after = parse_retry_after(response.header("Retry-After"));
  }
  const std::string message = fmt::format("{}: {} {} ({})", what, response.status, fmt::join(descriptions, "; "),
                                          advice(response.status, info.transient));
  return ApiError(message, std::move(info));
}

}  // namespace insights::salesforce
