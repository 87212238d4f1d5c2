#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "emulator/http_exchange.h"
#include "emulator/jwt_verifier.h"
#include "emulator/token_registry.h"

namespace insights::emulator {

struct ClientCredentials {
  std::string client_id;
  std::string client_secret;
};

// POST /services/oauth2/token (§3). Each grant type is one entry of a table, so further flows (JWT
// bearer) are one more entry.
class OAuthEndpoint {
 public:
  // `jwt` null: the JWT bearer grant is refused (no certificate configured).
  OAuthEndpoint(ClientCredentials credentials, TokenRegistry& tokens, std::string instance_url, std::string user_id,
                std::shared_ptr<const JwtVerifier> jwt = nullptr);

  HttpReply handle(const HttpRequest& request) const;

 private:
  using Form = std::map<std::string, std::string>;
  using Grant = std::function<HttpReply(const Form&, const HttpRequest&)>;

  HttpReply client_credentials(const Form& form, const HttpRequest& request) const;
  HttpReply jwt_bearer(const Form& form) const;
  HttpReply token_response() const;

  ClientCredentials credentials_;
  TokenRegistry& tokens_;
  std::string instance_url_;
  std::string identity_url_;
  std::shared_ptr<const JwtVerifier> jwt_;
  std::map<std::string, Grant, std::less<>> grants_;
};

// The OAuth error body: {"error": code, "error_description": description}.
HttpReply oauth_error(int status, std::string_view code, std::string_view description);

}  // namespace insights::emulator
