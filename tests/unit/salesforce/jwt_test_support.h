#pragma once
// Keys, certificates and JWT checks for tests, made with OpenSSL so they never depend on the code under test.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "shared/codec/base64.h"

namespace insights::salesforce::testing {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

inline Pkey rsa_key(unsigned int bits) {
  Pkey key(EVP_RSA_gen(bits));
  if (!key) throw std::runtime_error("generating a test RSA key failed");
  return key;
}

inline Pkey ec_key() {
  Pkey key(EVP_EC_gen("P-256"));
  if (!key) throw std::runtime_error("generating a test EC key failed");
  return key;
}

// One 2048-bit key per test binary: generating keys is the slow part of these tests.
inline EVP_PKEY* shared_rsa_key() {
  static const Pkey key = rsa_key(2048);
  return key.get();
}

template <typename Write>
std::string pem_with(Write write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || write(bio.get()) != 1) throw std::runtime_error("writing a test PEM failed");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

inline std::string private_key_pem(EVP_PKEY* key) {
  return pem_with([key](BIO* bio) { return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr); });
}

inline std::string traditional_rsa_pem(EVP_PKEY* key) {
  return pem_with(
      [key](BIO* bio) { return PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr, 0, nullptr, nullptr); });
}

inline std::string encrypted_private_key_pem(EVP_PKEY* key, std::string passphrase) {
  return pem_with([&](BIO* bio) {
    return PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), passphrase.data(),
                                         static_cast<int>(passphrase.size()), nullptr, nullptr);
  });
}

// A self-signed X.509 certificate for `key`, as an admin uploads to the connected app.
inline std::string self_signed_certificate_pem(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), &X509_free);
  if (!cert) throw std::runtime_error("X509_new failed");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600L * 24 * 365);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("insights-test"), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key, EVP_sha256()) == 0) throw std::runtime_error("signing the test certificate failed");
  return pem_with([&](BIO* bio) { return PEM_write_bio_X509(bio, cert.get()); });
}

// A directory removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "insights-sfauth-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Written readable by its owner only, as a deployed key file should be.
  std::string write(const std::string& name, const std::string& text, mode_t mode = 0600) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    ::chmod(file.c_str(), mode);
    return file.string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::optional<std::string> base64url_decode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
  }
  while (standard.size() % 4 != 0) standard += '=';
  return codec::base64_decode(standard);
}

struct JwtParts {
  std::string header_json;
  std::string claims_json;
  std::string signature;
  std::string signing_input;  // the first two segments as sent
};

inline std::optional<JwtParts> split_jwt(std::string_view jwt) {
  const auto first = jwt.find('.');
  const auto second = first == std::string_view::npos ? first : jwt.find('.', first + 1);
  if (second == std::string_view::npos || jwt.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  auto header = base64url_decode(jwt.substr(0, first));
  auto claims = base64url_decode(jwt.substr(first + 1, second - first - 1));
  auto signature = base64url_decode(jwt.substr(second + 1));
  if (!header || !claims || !signature) return std::nullopt;
  return JwtParts{*header, *claims, *signature, std::string(jwt.substr(0, second))};
}

inline bool rs256_signature_valid(EVP_PKEY* key, const JwtParts& parts) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(parts.signature.data()),
                          parts.signature.size(), reinterpret_cast<const unsigned char*>(parts.signing_input.data()),
                          parts.signing_input.size()) == 1;
}

// Lines of a PEM body (the base64 between the armour lines): any of them in a log would leak the key.
inline std::vector<std::string> pem_body_lines(const std::string& pem) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < pem.size()) {
    auto end = pem.find('\n', start);
    if (end == std::string::npos) end = pem.size();
    std::string line = pem.substr(start, end - start);
    if (!line.empty() && !line.starts_with("-----")) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

}  // namespace insights::salesforce::testing
