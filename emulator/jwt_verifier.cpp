#include "emulator/jwt_verifier.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <rapidjson/document.h>

#include "emulator/base64url.h"

namespace insights::emulator {

namespace {

struct BioFree {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* context) const noexcept { EVP_MD_CTX_free(context); }
};

EVP_PKEY* certificate_key(std::string_view pem) {
  const std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw insights::Error("OpenSSL could not allocate a buffer for the JWT certificate");
  const std::unique_ptr<X509, X509Free> certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!certificate) {
    throw insights::Error("the JWT certificate is no PEM X.509 certificate; pass the certificate uploaded to the "
                          "connected app (-----BEGIN CERTIFICATE-----)");
  }
  EVP_PKEY* key = X509_get_pubkey(certificate.get());
  if (key == nullptr || EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    throw insights::Error("the JWT certificate holds no RSA key; RS256 assertions need an RSA certificate");
  }
  return key;
}

// The three dot-separated parts of a compact JWS.
struct JwtParts {
  std::string_view header, claims, signature;
};

JwtParts split(std::string_view assertion) {
  const auto first = assertion.find('.');
  const auto second = first == std::string_view::npos ? first : assertion.find('.', first + 1);
  if (second == std::string_view::npos || assertion.find('.', second + 1) != std::string_view::npos) {
    throw JwtRejected("invalid assertion: a JWT has three base64url parts separated by dots");
  }
  return {assertion.substr(0, first), assertion.substr(first + 1, second - first - 1), assertion.substr(second + 1)};
}

rapidjson::Document decode_json(std::string_view part, std::string_view what) {
  const auto text = base64url_decode(part);
  rapidjson::Document document;
  if (text) document.Parse(text->c_str(), text->size());
  if (!text || document.HasParseError() || !document.IsObject()) {
    throw JwtRejected(fmt::format("invalid assertion: the JWT {} is no base64url JSON object", what));
  }
  return document;
}

std::string string_claim(const rapidjson::Document& claims, const char* name) {
  if (!claims.HasMember(name) || !claims[name].IsString()) {
    throw JwtRejected(fmt::format("invalid assertion: claim '{}' is missing or no string", name));
  }
  return claims[name].GetString();
}

bool audience_matches(const rapidjson::Document& claims, const std::string& audience) {
  if (!claims.HasMember("aud")) return false;
  const auto& aud = claims["aud"];
  if (aud.IsString()) return aud.GetString() == audience;
  if (!aud.IsArray()) return false;
  return std::any_of(aud.Begin(), aud.End(), [&](const auto& item) { return item.IsString() && item.GetString() == audience; });
}

void check_expiry(const rapidjson::Document& claims, const JwtPolicy& policy) {
  if (!claims.HasMember("exp") || !claims["exp"].IsNumber()) {
    throw JwtRejected("invalid assertion: claim 'exp' (seconds since the epoch) is missing");
  }
  const auto exp = std::chrono::seconds(static_cast<std::int64_t>(std::floor(claims["exp"].GetDouble())));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(policy.now().time_since_epoch());
  if (exp <= now) throw JwtRejected("expired authorization code: the assertion's exp has passed; sign a fresh one");
  if (exp > now + policy.max_ahead) {
    throw JwtRejected(fmt::format("invalid assertion: exp is more than {} seconds ahead; keep it within a few minutes",
                                  policy.max_ahead.count()));
  }
}

}  // namespace

void JwtVerifier::KeyFree::operator()(evp_pkey_st* key) const noexcept { EVP_PKEY_free(key); }

JwtVerifier::JwtVerifier(std::string_view certificate_pem, JwtPolicy policy)
    : key_(certificate_key(certificate_pem)), policy_(std::move(policy)) {
  if (!policy_.now) policy_.now = system_now();
}

JwtVerifier::~JwtVerifier() = default;

bool JwtVerifier::signature_matches(std::string_view signed_part, std::string_view signature) const {
  const std::unique_ptr<EVP_MD_CTX, MdCtxFree> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) {
    throw insights::Error("OpenSSL could not start an RS256 verification; check the OpenSSL installation");
  }
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

std::string JwtVerifier::verify(std::string_view assertion) const {
  const auto parts = split(assertion);
  const auto header = decode_json(parts.header, "header");
  if (!header.HasMember("alg") || !header["alg"].IsString() || std::string_view(header["alg"].GetString()) != "RS256") {
    throw JwtRejected("invalid assertion: the JWT header must say {\"alg\":\"RS256\"}");
  }
  const auto signature = base64url_decode(parts.signature);
  const auto signed_part = assertion.substr(0, parts.header.size() + 1 + parts.claims.size());
  if (!signature || !signature_matches(signed_part, *signature)) {
    throw JwtRejected("invalid assertion: the signature does not match the connected app's certificate");
  }
  const auto claims = decode_json(parts.claims, "claims");
  if (string_claim(claims, "iss") != policy_.client_id) {
    throw JwtRejected("invalid assertion: iss is not the consumer key of a connected app");
  }
  auto subject = string_claim(claims, "sub");
  if (std::find(policy_.users.begin(), policy_.users.end(), subject) == policy_.users.end()) {
    throw JwtRejected("user hasn't approved this consumer: sub is no user pre-authorized for the connected app");
  }
  if (!audience_matches(claims, policy_.audience)) {
    throw JwtRejected(fmt::format("audience is invalid: aud must be {}", policy_.audience));
  }
  check_expiry(claims, policy_);
  return subject;
}

}  // namespace insights::emulator
