#pragma once
#include <chrono>
#include <string>

#include "shared/salesforce/rsa_signing_key.h"

namespace insights::salesforce {

// The claims Salesforce reads from a JWT bearer assertion (§3).
struct JwtClaims {
  std::string issuer;    // iss: the connected app's consumer key
  std::string subject;   // sub: the Salesforce username
  std::string audience;  // aud: https://login.salesforce.com, https://test.salesforce.com or a site URL
  std::chrono::system_clock::time_point expires;  // exp, in whole seconds
};

// base64url(header) "." base64url(claims) "." base64url(RS256 signature), header {"alg":"RS256"}.
// The result is a credential: never log it or put it in an error message.
std::string signed_jwt(const JwtClaims& claims, const RsaSigningKey& key);

}  // namespace insights::salesforce
