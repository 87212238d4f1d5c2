#include "shared/salesforce/access_token.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "shared/salesforce/api_error.h"
#include "shared/salesforce/request_bodies.h"
#include "shared/salesforce/token_request.h"

namespace insights::salesforce {

ClientCredentialsTokenSource::ClientCredentialsTokenSource(Credentials credentials)
    : credentials_(std::move(credentials)) {
  credentials_.login_url = without_trailing_slash(std::move(credentials_.login_url));
}

AccessToken ClientCredentialsTokenSource::fetch(http::HttpClient& http) const {
  return request_token(http, credentials_.login_url, client_credentials_form(credentials_),
                       "check the configured client id and client secret, and that the app allows the "
                       "client-credentials flow with a run-as user");
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
