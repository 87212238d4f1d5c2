#include "shared/codec/sha256.h"

#include <openssl/evp.h>

#include "shared/util/error.h"

namespace insights::codec {

void Sha256::CtxFree::operator()(evp_md_ctx_st* ctx) const noexcept { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
    throw Error("SHA-256: OpenSSL could not initialise a digest context; check the OpenSSL installation");
  }
}

void Sha256::update(std::string_view bytes) {
  if (!ctx_) throw Error("SHA-256: update() after hex_digest(); start a new Sha256 for new input");
  if (EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1) {
    throw Error("SHA-256: OpenSSL digest update failed");
  }
}

std::string Sha256::hex_digest() {
  if (!ctx_) throw Error("SHA-256: hex_digest() called twice; start a new Sha256 for new input");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), digest, &length) != 1) {
    throw Error("SHA-256: OpenSSL digest finalisation failed");
  }
  ctx_.reset();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '\0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

}  // namespace insights::codec
