#include "shared/salesforce/rsa_signing_key.h"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "shared/log/log.h"
#include "shared/util/error.h"

namespace insights::salesforce {
namespace {

constexpr int kMinimumBits = 2048;  // RFC 7518 section 3.3 for RS256

struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

// OpenSSL's reason for the newest queued error, and an empty queue afterwards so no stale error misleads a later call.
std::string take_openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  std::string text = reason != nullptr ? reason : "no OpenSSL detail";
  ERR_clear_error();
  return text;
}

// Asked for only when the PEM is encrypted; answering with no passphrase makes the read fail, and the flag says why.
int refuse_passphrase(char*, int, int, void* asked) {
  *static_cast<bool*>(asked) = true;
  return 0;
}

void warn_if_others_can_read(const std::filesystem::path& path, std::string_view setting) {
  std::error_code error;
  const auto permissions = std::filesystem::status(path, error).permissions();
  using std::filesystem::perms;
  if (!error && (permissions & (perms::group_all | perms::others_all)) != perms::none) {
    log::warn("the JWT signing key file is accessible to other users; restrict it to this user (chmod 600)",
              {log::field("path", path.string()), log::field("setting", setting)});
  }
}

}  // namespace

void RsaSigningKey::KeyFree::operator()(evp_pkey_st* key) const noexcept { EVP_PKEY_free(key); }

RsaSigningKey::RsaSigningKey(std::unique_ptr<evp_pkey_st, KeyFree> key) : key_(std::move(key)) {}

RsaSigningKey RsaSigningKey::from_pem_file(const std::filesystem::path& path, std::string_view setting) {
  const std::string where = fmt::format("reading the JWT signing key '{}' named by {}", path.string(), setting);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw Error(fmt::format("{}: it does not exist or is not a regular file; set {} to the PEM file of the private key "
                            "whose certificate the connected app holds",
                            where, setting));
  }
  const std::unique_ptr<BIO, BioFree> bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) {
    const int code = errno;
    ERR_clear_error();
    throw Error(fmt::format("{}: cannot open it: {}; check its permissions", where, std::strerror(code)));
  }
  bool asked_for_passphrase = false;
  std::unique_ptr<evp_pkey_st, KeyFree> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, &refuse_passphrase, &asked_for_passphrase));
  if (!key) {
    const std::string reason = take_openssl_reason();
    if (asked_for_passphrase) {
      throw Error(fmt::format("{}: the key is encrypted; store it unencrypted (openssl pkey -in KEY -out PLAIN) in a "
                              "file only this user can read",
                              where));
    }
    throw Error(fmt::format("{}: no PEM private key in it ({}); the file must hold '-----BEGIN PRIVATE KEY-----' or "
                            "'-----BEGIN RSA PRIVATE KEY-----'",
                            where, reason));
  }
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    throw Error(fmt::format("{}: it is not an RSA key; the JWT bearer flow signs with RS256 and needs an RSA key", where));
  }
  if (const int bits = EVP_PKEY_get_bits(key.get()); bits < kMinimumBits) {
    throw Error(fmt::format("{}: the RSA key has {} bits; RS256 needs at least {}, so generate a new key and "
                            "certificate for the connected app",
                            where, bits, kMinimumBits));
  }
  warn_if_others_can_read(path, setting);
  return RsaSigningKey(std::move(key));
}

std::string RsaSigningKey::sign_sha256(std::string_view message) const {
  const std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, data, message.size()) != 1) {
    throw Error(fmt::format("signing a JWT assertion with RS256 failed to start ({}); check the OpenSSL installation",
                            take_openssl_reason()));
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data, message.size()) !=
      1) {
    throw Error(fmt::format("signing a JWT assertion with RS256 failed ({}); check the OpenSSL installation",
                            take_openssl_reason()));
  }
  signature.resize(length);
  return signature;
}

}  // namespace insights::salesforce
