#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "shared/http/http_client.h"
#include "shared/salesforce/client_options.h"

namespace insights::salesforce {

// A bearer token and where to use it. Never log or format `value`.
struct AccessToken {
  std::string value;
  std::string instance_url;  // without a trailing slash
  std::uint64_t generation = 0;  // set by TokenCache; a 401 for an older generation needs no new fetch
};

// One OAuth flow: ClientCredentialsTokenSource here, JwtBearerTokenSource; make_token_source picks one from settings.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // Throws TransportError or a transient ApiError when worth retrying, a permanent ApiError otherwise.
  virtual AccessToken fetch(http::HttpClient& http) const = 0;
};

class ClientCredentialsTokenSource : public TokenSource {
 public:
  explicit ClientCredentialsTokenSource(Credentials credentials);
  AccessToken fetch(http::HttpClient& http) const override;

 private:
  Credentials credentials_;
};

// Parses a 200 token response; the message of any error it throws never contains the body.
AccessToken parse_token_response(std::string_view body, std::string_view token_url);

}  // namespace insights::salesforce
