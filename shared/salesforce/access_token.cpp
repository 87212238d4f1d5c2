#include "shared/salesforce/access_token.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "shared/salesforce/api_error.h"
#include "shared/salesforce/request_bodies.h"

namespace insights::salesforce {
namespace {

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

bool is_transient_token_failure(long status, std::string_view error) {
  return is_transient_failure(status, error) || error == "rate_limit_exceeded";
}

// Built by hand rather than from the body: a token endpoint's error text must never be able to carry secrets into logs.
ApiError token_error(std::string_view token_url, const http::Response& response) {
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
  const std::string advice = info.transient ? "temporary; it is retried automatically"
                                            : "check the configured client id and client secret, and that the app "
                                              "allows the client-credentials flow with a run-as user";
  return ApiError(fmt::format("fetching an OAuth token from {}: {} {} ({})", token_url, response.status, reason, advice),
                  std::move(info));
}

}  // namespace

ClientCredentialsTokenSource::ClientCredentialsTokenSource(Credentials credentials)
    : credentials_(std::move(credentials)) {
  credentials_.login_url = without_trailing_slash(std::move(credentials_.login_url));
}

AccessToken ClientCredentialsTokenSource::fetch(http::HttpClient& http) const {
  const std::string token_url = credentials_.login_url + "/services/oauth2/token";
  http::Request request{"POST",
                        token_url,
                        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
                        client_credentials_form(credentials_)};
  http::Response response;
  try {
    response = http.send(request);
  } catch (const http::TransportError& failure) {
    throw http::TransportError(fmt::format("fetching an OAuth token: {}", failure.what()));
  }
  if (response.status != 200) {
    throw token_error(token_url, response);
  }
  return parse_token_response(response.body, token_url);
}

AccessToken parse_token_response(std::string_view body, std::string_view token_url) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  const auto string_at = [&document](const char* name) {
    const auto found = document.IsObject() ? document.FindMember(name) : document.MemberEnd();
    return document.IsObject() && found != document.MemberEnd() && found->value.IsString()
               ? std::string(found->value.GetString())
               : std::string{};
  };
  AccessToken token;
  if (!document.HasParseError()) {
    token.value = string_at("access_token");
    token.instance_url = without_trailing_slash(string_at("instance_url"));
  }
  if (token.value.empty() || token.instance_url.empty()) {
    throw ApiError(fmt::format("fetching an OAuth token from {}: the 200 response lacks access_token or instance_url; "
                               "check that the login URL points at a Salesforce token endpoint",
                               token_url),
                   ApiErrorInfo{200, "", "", {}, false, std::nullopt});
  }
  return token;
}

}  // namespace insights::salesforce
