// JWT bearer assertions: encoding, claims, the RS256 signature checked with the public key, and key-file errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "shared/salesforce/base64url.h"
#include "shared/salesforce/jwt_assertion.h"
#include "shared/salesforce/jwt_bearer_token_source.h"
#include "shared/salesforce/rsa_signing_key.h"
#include "tests/unit/salesforce/jwt_test_support.h"

namespace insights::salesforce {
namespace {

using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace testing;

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  EXPECT_FALSE(document.HasParseError()) << text;
  return document;
}

TEST(Base64Url, UsesTheUrlAlphabetWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(base64url_encode(R"({"alg":"RS256"})"), "eyJhbGciOiJSUzI1NiJ9");
}

TEST(SignedJwt, HasTheHeaderClaimsAndAValidSignature) {
  TempDir dir;
  const auto key_file = dir.write("key.pem", private_key_pem(shared_rsa_key()));
  const auto key = RsaSigningKey::from_pem_file(key_file, "salesforce.jwt_key_file");
  const JwtClaims claims{"3MVG9-consumer-key", "uploader@acme.example", "https://test.salesforce.com",
                         std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'123))};
  const std::string jwt = signed_jwt(claims, key);

  EXPECT_EQ(jwt.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
            std::string::npos);
  const auto parts = split_jwt(jwt);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->header_json, R"({"alg":"RS256"})");
  const auto body = parse_json(parts->claims_json);
  EXPECT_STREQ(body["iss"].GetString(), "3MVG9-consumer-key");
  EXPECT_STREQ(body["sub"].GetString(), "uploader@acme.example");
  EXPECT_STREQ(body["aud"].GetString(), "https://test.salesforce.com");
  ASSERT_TRUE(body["exp"].IsInt64());
  EXPECT_EQ(body["exp"].GetInt64(), 1'800'000'123);
  EXPECT_EQ(body.MemberCount(), 4u);
  EXPECT_EQ(parts->signature.size(), 256u);  // 2048-bit RSA
  EXPECT_TRUE(rs256_signature_valid(shared_rsa_key(), *parts));

  auto tampered = *parts;
  tampered.signing_input.back() ^= 1;
  EXPECT_FALSE(rs256_signature_valid(shared_rsa_key(), tampered));
  const auto other_key = rsa_key(2048);
  EXPECT_FALSE(rs256_signature_valid(other_key.get(), *parts));
}

TEST(SignedJwt, AcceptsTheTraditionalRsaPemForm) {
  TempDir dir;
  const auto key_file = dir.write("key.pem", traditional_rsa_pem(shared_rsa_key()));
  const auto key = RsaSigningKey::from_pem_file(key_file, "salesforce.jwt_key_file");
  const auto parts = split_jwt(signed_jwt({"iss", "sub", "https://login.salesforce.com", {}}, key));
  ASSERT_TRUE(parts);
  EXPECT_TRUE(rs256_signature_valid(shared_rsa_key(), *parts));
}

TEST(JwtBearerTokenSource, AssertionExpiresThreeMinutesFromNowAndNamesTheSettings) {
  TempDir dir;
  const auto key_file = dir.write("key.pem", private_key_pem(shared_rsa_key()));
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'900'000'000));
  const JwtBearerTokenSource source(
      {"https://acme.my.salesforce.com/", "consumer-key", "svc@acme.example", "https://login.salesforce.com/", key_file},
      [now] { return now; });
  const auto parts = split_jwt(source.assertion());
  ASSERT_TRUE(parts);
  const auto body = parse_json(parts->claims_json);
  EXPECT_STREQ(body["iss"].GetString(), "consumer-key");
  EXPECT_STREQ(body["sub"].GetString(), "svc@acme.example");
  EXPECT_STREQ(body["aud"].GetString(), "https://login.salesforce.com");  // trailing slash dropped
  EXPECT_EQ(body["exp"].GetInt64(), 1'900'000'000 + 180);
  EXPECT_TRUE(rs256_signature_valid(shared_rsa_key(), *parts));
}

// Every key-file failure names the file and the setting, says what to do, and shows nothing of the key.
void expect_key_error(const std::string& path, const std::string& expected, const std::string& key_pem = {}) {
  try {
    RsaSigningKey::from_pem_file(path, "salesforce.jwt_key_file");
    FAIL() << "expected insights::Error for " << path;
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), AllOf(HasSubstr(path), HasSubstr("salesforce.jwt_key_file"), HasSubstr(expected)));
    for (const auto& line : pem_body_lines(key_pem)) {
      EXPECT_THAT(error.what(), Not(HasSubstr(line)));
    }
  }
}

TEST(RsaSigningKey, RefusesUnusableKeyFilesWithClearErrors) {
  TempDir dir;
  expect_key_error((dir.path() / "absent.pem").string(), "does not exist");
  expect_key_error(dir.path().string(), "not a regular file");
  expect_key_error(dir.write("empty.pem", ""), "no PEM private key");
  const std::string certificate = self_signed_certificate_pem(shared_rsa_key());
  expect_key_error(dir.write("cert.pem", certificate), "no PEM private key");
  const std::string encrypted = encrypted_private_key_pem(shared_rsa_key(), "passphrase");
  expect_key_error(dir.write("encrypted.pem", encrypted), "the key is encrypted", encrypted);
  const auto ec = ec_key();
  expect_key_error(dir.write("ec.pem", private_key_pem(ec.get())), "not an RSA key", private_key_pem(ec.get()));
  const auto small = rsa_key(1024);
  expect_key_error(dir.write("small.pem", private_key_pem(small.get())), "has 1024 bits", private_key_pem(small.get()));
}

TEST(RsaSigningKey, UnreadableFileIsReportedWithItsReason) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  TempDir dir;
  expect_key_error(dir.write("locked.pem", private_key_pem(shared_rsa_key()), 0000), "cannot open it");
}

}  // namespace
}  // namespace insights::salesforce
