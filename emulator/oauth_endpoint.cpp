#include "emulator/oauth_endpoint.h"

#include <array>
#include <chrono>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include "emulator/form_decoder.h"
#include "emulator/json_writer.h"
#include "emulator/name_rules.h"
#include "shared/codec/base64.h"
#include "shared/util/error.h"

namespace insights::emulator {

namespace {

std::string hmac_sha256_base64(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
           message.size(), digest.data(), &length) == nullptr) {
    throw insights::Error("OpenSSL HMAC-SHA256 failed while signing a token response; check the OpenSSL installation");
  }
  return codec::base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

bool same_secret(std::string_view given, std::string_view expected) {
  return given.size() == expected.size() && CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

bool is_form(const std::string& content_type) {
  return content_type.starts_with("application/x-www-form-urlencoded");
}

// Client id and secret from HTTP Basic authentication, which the client-credentials flow also accepts.
std::optional<ClientCredentials> basic_credentials(const std::string& authorization) {
  constexpr std::string_view kScheme = "Basic ";
  if (authorization.size() <= kScheme.size() || !iequals(authorization.substr(0, kScheme.size()), kScheme)) {
    return std::nullopt;
  }
  const auto decoded = codec::base64_decode(authorization.substr(kScheme.size()));
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return ClientCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

}  // namespace

HttpReply oauth_error(int status, std::string_view code, std::string_view description) {
  JsonWriter json;
  json.begin_object().key("error").string(code).key("error_description").string(description).end_object();
  return HttpReply::json(status, json.take());
}

OAuthEndpoint::OAuthEndpoint(ClientCredentials credentials, TokenRegistry& tokens, std::string instance_url,
                             std::string user_id, std::shared_ptr<const JwtVerifier> jwt)
    : credentials_(std::move(credentials)),
      tokens_(tokens),
      instance_url_(std::move(instance_url)),
      identity_url_(fmt::format("{}/id/{}/{}", instance_url_, tokens.org_id(), user_id)),
      jwt_(std::move(jwt)) {
  grants_.emplace("client_credentials",
                  [this](const Form& form, const HttpRequest& request) { return client_credentials(form, request); });
  grants_.emplace("urn:ietf:params:oauth:grant-type:jwt-bearer",
                  [this](const Form& form, const HttpRequest&) { return jwt_bearer(form); });
}

HttpReply OAuthEndpoint::jwt_bearer(const Form& form) const {
  if (!jwt_) {
    return oauth_error(400, "invalid_grant",
                       "no certificate is configured for JWT bearer assertions; start the emulator with --jwt-cert");
  }
  const auto assertion = form.find("assertion");
  if (assertion == form.end() || assertion->second.empty()) {
    return oauth_error(400, "invalid_request", "the assertion parameter with the signed JWT is missing");
  }
  try {
    jwt_->verify(assertion->second);
  } catch (const JwtRejected& rejected) {
    return oauth_error(400, "invalid_grant", rejected.what());
  }
  return token_response();
}

HttpReply OAuthEndpoint::handle(const HttpRequest& request) const {
  const auto form = is_form(request.content_type) ? decode_form(request.body) : std::optional<Form>(Form{});
  if (!form) return oauth_error(400, "invalid_request", "the form body has a malformed %-escape");
  const auto grant_type = form->find("grant_type");
  const auto grant = grant_type == form->end() ? grants_.end() : grants_.find(grant_type->second);
  if (grant == grants_.end()) return oauth_error(400, "unsupported_grant_type", "grant type not supported");
  return grant->second(*form, request);
}

HttpReply OAuthEndpoint::client_credentials(const Form& form, const HttpRequest& request) const {
  ClientCredentials given;
  if (const auto id = form.find("client_id"); id != form.end()) {
    given.client_id = id->second;
    const auto secret = form.find("client_secret");
    if (secret != form.end()) given.client_secret = secret->second;
  } else if (auto basic = basic_credentials(request.authorization)) {
    given = std::move(*basic);
  }
  if (given.client_id != credentials_.client_id) {
    return oauth_error(400, "invalid_client_id", "client identifier invalid");
  }
  if (!same_secret(given.client_secret, credentials_.client_secret)) {
    return oauth_error(400, "invalid_client", "invalid client credentials");
  }
  return token_response();
}

HttpReply OAuthEndpoint::token_response() const {
  const auto issued_at = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  JsonWriter json;
  json.begin_object();
  json.key("access_token").string(tokens_.issue());
  json.key("signature").string(hmac_sha256_base64(credentials_.client_secret, identity_url_ + issued_at));
  json.key("scope").string("api");
  json.key("instance_url").string(instance_url_);
  json.key("id").string(identity_url_);
  json.key("token_type").string("Bearer");
  json.key("issued_at").string(issued_at);
  json.end_object();
  return HttpReply::json(200, json.take());
}

}  // namespace insights::emulator
