#include "shared/salesforce/jwt_bearer_token_source.h"

#include "shared/http/url_encode.h"
#include "shared/salesforce/jwt_assertion.h"
#include "shared/salesforce/token_request.h"

namespace insights::salesforce {
namespace {

constexpr std::string_view kGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr std::string_view kRefusalAdvice =
    "check salesforce.client_id (the app's consumer key), salesforce.username, salesforce.jwt_audience, that the app "
    "holds the certificate of salesforce.jwt_key_file, that the user is pre-authorized for the app, and this host's "
    "clock";

}  // namespace

JwtBearerTokenSource::JwtBearerTokenSource(JwtBearerSettings settings, Clock clock)
    : settings_(std::move(settings)),
      clock_(std::move(clock)),
      key_(RsaSigningKey::from_pem_file(settings_.private_key_file, "salesforce.jwt_key_file")) {
  settings_.login_url = without_trailing_slash(std::move(settings_.login_url));
  settings_.audience = without_trailing_slash(std::move(settings_.audience));
}

std::string JwtBearerTokenSource::assertion() const {
  const JwtClaims claims{settings_.consumer_key, settings_.username, settings_.audience,
                         clock_() + kAssertionLifetime};
  return signed_jwt(claims, key_);
}

AccessToken JwtBearerTokenSource::fetch(http::HttpClient& http) const {
  // Signed per request: a retried fetch must not reuse an assertion that may be close to its exp.
  const std::string form =
      "grant_type=" + http::url_encode(kGrantType) + "&assertion=" + http::url_encode(assertion());
  return request_token(http, settings_.login_url, form, kRefusalAdvice);
}

}  // namespace insights::salesforce
