#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace insights::salesforce {

// An RSA private key read from a PEM file, for RS256 signatures. The key material stays inside OpenSSL; errors name
// the file and the setting that named it, never its contents.
class RsaSigningKey {
 public:
  // `setting` says where the path came from, e.g. "salesforce.jwt_key_file". Throws insights::Error when the file is
  // missing or unreadable, holds no unencrypted private key, or the key is not RSA of at least 2048 bits.
  static RsaSigningKey from_pem_file(const std::filesystem::path& path, std::string_view setting);

  // RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256"): the raw signature bytes.
  std::string sign_sha256(std::string_view message) const;

 private:
  struct KeyFree {
    void operator()(evp_pkey_st* key) const noexcept;
  };
  explicit RsaSigningKey(std::unique_ptr<evp_pkey_st, KeyFree> key);

  std::unique_ptr<evp_pkey_st, KeyFree> key_;
};

}  // namespace insights::salesforce
