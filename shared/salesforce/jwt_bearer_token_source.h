#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "shared/salesforce/access_token.h"
#include "shared/salesforce/rsa_signing_key.h"

namespace insights::salesforce {

// OAuth 2.0 JWT bearer flow (§3): no secret on the wire, only an assertion signed with the app's private key.
struct JwtBearerSettings {
  std::string login_url;         // token endpoint host, e.g. https://acme.my.salesforce.com or the emulator
  std::string consumer_key;      // iss
  std::string username;          // sub
  std::string audience;          // aud
  std::string private_key_file;  // PEM, unencrypted RSA
};

class JwtBearerTokenSource : public TokenSource {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Each assertion is valid this long: Salesforce accepts at most a few minutes.
  static constexpr std::chrono::minutes kAssertionLifetime{3};

  // Reads the key at once, so a bad key file fails at start-up rather than at the first upload.
  explicit JwtBearerTokenSource(JwtBearerSettings settings,
                                Clock clock = [] { return std::chrono::system_clock::now(); });

  AccessToken fetch(http::HttpClient& http) const override;

  // A freshly signed assertion; a credential, never to be logged.
  std::string assertion() const;

 private:
  JwtBearerSettings settings_;
  Clock clock_;
  RsaSigningKey key_;
};

}  // namespace insights::salesforce
