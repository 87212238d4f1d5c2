#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/salesforce_time.h"
#include "shared/util/error.h"

struct evp_pkey_st;

namespace insights::emulator {

// What a JWT bearer assertion must satisfy besides its signature (§3).
struct JwtPolicy {
  std::string client_id;            // iss
  std::vector<std::string> users;   // sub: pre-authorized usernames
  std::string audience;             // aud
  NowFunction now;
  std::chrono::seconds max_ahead{300};  // exp at most this far in the future
};

// Why an assertion was refused; the message is the OAuth error_description.
class JwtRejected : public insights::Error {
 public:
  using insights::Error::Error;
};

// Verifies RS256 JWT bearer assertions against the RSA key of an X.509 certificate (OpenSSL EVP).
class JwtVerifier {
 public:
  // Throws insights::Error when the PEM holds no readable certificate with an RSA key.
  JwtVerifier(std::string_view certificate_pem, JwtPolicy policy);
  ~JwtVerifier();
  JwtVerifier(const JwtVerifier&) = delete;
  JwtVerifier& operator=(const JwtVerifier&) = delete;

  // The assertion's subject (username); throws JwtRejected naming the first rule it breaks.
  std::string verify(std::string_view assertion) const;

 private:
  bool signature_matches(std::string_view signed_part, std::string_view signature) const;

  struct KeyFree {
    void operator()(evp_pkey_st* key) const noexcept;
  };
  std::unique_ptr<evp_pkey_st, KeyFree> key_;
  JwtPolicy policy_;
};

}  // namespace insights::emulator
