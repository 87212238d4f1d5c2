#include "jwt_test_keys.h"

#include <stdexcept>
#include <vector>

#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "emulator/base64url.h"

namespace insights::emulator::testing {

namespace {

struct X509Free {
  void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};
struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("OpenSSL failed to ") + what);
}

std::string self_signed_pem(EVP_PKEY* key) {
  const std::unique_ptr<X509, X509Free> certificate(X509_new());
  require(certificate != nullptr, "allocate a certificate");
  X509_set_version(certificate.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 3600);
  require(X509_set_pubkey(certificate.get(), key) == 1, "set the public key");
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("insights-test"), -1, -1,
                             0);
  X509_set_issuer_name(certificate.get(), name);
  require(X509_sign(certificate.get(), key, EVP_sha256()) > 0, "sign the certificate");
  const std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_X509(bio.get(), certificate.get()) == 1, "write the certificate");
  char* data = nullptr;
  const auto size = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

}  // namespace

TestSigningKey::TestSigningKey() : key_(EVP_RSA_gen(2048)) {
  require(key_ != nullptr, "generate an RSA key");
  certificate_pem_ = self_signed_pem(key_.get());
}

std::string TestSigningKey::sign_jwt(std::string_view header_json, std::string_view claims_json) const {
  const auto signed_part = base64url_encode(header_json) + "." + base64url_encode(claims_json);
  const std::unique_ptr<EVP_MD_CTX, MdCtxFree> context(EVP_MD_CTX_new());
  require(EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1, "start signing");
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(signed_part.data());
  require(EVP_DigestSign(context.get(), nullptr, &size, data, signed_part.size()) == 1, "size the signature");
  std::vector<unsigned char> signature(size);
  require(EVP_DigestSign(context.get(), signature.data(), &size, data, signed_part.size()) == 1, "sign");
  return signed_part + "." + base64url_encode({reinterpret_cast<const char*>(signature.data()), size});
}

}  // namespace insights::emulator::testing
