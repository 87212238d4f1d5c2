#pragma once
#include <memory>
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace insights::emulator::testing {

// An RSA key pair and a self-signed certificate for it, made with OpenSSL at run time.
class TestSigningKey {
 public:
  TestSigningKey();
  const std::string& certificate_pem() const { return certificate_pem_; }
  // A compact RS256 JWT over `header_json` and `claims_json`.
  std::string sign_jwt(std::string_view header_json, std::string_view claims_json) const;

 private:
  struct KeyFree {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
  };
  std::unique_ptr<EVP_PKEY, KeyFree> key_;
  std::string certificate_pem_;
};

}  // namespace insights::emulator::testing
