#include "shared/salesforce/token_request.h"

#include <fmt/format.h>

#include "shared/salesforce/api_error.h"

namespace insights::salesforce {
namespace {

bool is_transient_token_failure(long status, std::string_view error) {
  return is_transient_failure(status, error) || error == "rate_limit_exceeded";
}

// Built from the parsed error fields rather than the raw body: a token endpoint's answer must never be able to carry
// the request's secrets into logs.
ApiError token_error(std::string_view token_url, const http::Response& response, std::string_view refusal_advice) {
  const auto details = parse_error_body(response.body);
  ApiErrorInfo info;
  info.http_status = response.status;
  if (!details.empty()) {
    info.error_code = details.front().error_code;
    info.salesforce_message = details.front().message;
  }
  info.transient = is_transient_token_failure(response.status, info.error_code);
  if (info.transient) {
    info.retry_after = parse_retry_after(response.header("Retry-After"));
  }
  const std::string reason = info.error_code.empty() ? std::string("no OAuth error in the body")
                                                     : fmt::format("{}: {}", info.error_code, info.salesforce_message);
  const std::string_view advice = info.transient ? "temporary; it is retried automatically" : refusal_advice;
  return ApiError(fmt::format("fetching an OAuth token from {}: {} {} ({})", token_url, response.status, reason, advice),
                  std::move(info));
}

}  // namespace

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

AccessToken request_token(http::HttpClient& http, std::string_view login_url, const std::string& form,
                          std::string_view refusal_advice) {
  const std::string token_url = fmt::format("{}/services/oauth2/token", login_url);
  const http::Request request{
      "POST",
      token_url,
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
      form};
  http::Response response;
  try {
    response = http.send(request);
  } catch (const http::TransportError& failure) {
    throw http::TransportError(fmt::format("fetching an OAuth token: {}", failure.what()));
  }
  if (response.status != 200) {
    throw token_error(token_url, response, refusal_advice);
  }
  return parse_token_response(response.body, token_url);
}

}  // namespace insights::salesforce
