#include <atomic>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"
#include "jwt_test_keys.h"
#include "shared/util/error.h"

namespace insights::emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kNow = 1'795'000'000;  // seconds since the epoch, the injected clock
constexpr const char* kHeader = R"({"alg":"RS256"})";

class JwtBearerTest : public EmulatorTest {
 protected:
  static void SetUpTestSuite() { key = std::make_unique<TestSigningKey>(); }
  static void TearDownTestSuite() { key.reset(); }

  void SetUp() override {
    auto options = test_options();
    options.jwt_certificate_pem = key->certificate_pem();
    options.jwt_users = {"integration@bookme.example"};
    options.clock = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(kNow)); };
    restart(options);
  }

  static std::string claims(const std::string& iss = "insights-local", const std::string& sub = "integration@bookme.example",
                            const std::string& aud = "https://login.salesforce.com", std::int64_t exp = kNow + 180) {
    return fmt::format(R"({{"iss":"{}","sub":"{}","aud":"{}","exp":{}}})", iss, sub, aud, exp);
  }

  Reply grant(const std::string& assertion) {
    return post_form("/services/oauth2/token",
                     "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + assertion);
  }

  void expect_invalid_grant(const std::string& assertion, const std::string& description) {
    const auto reply = grant(assertion);
    EXPECT_EQ(reply.status, 400) << reply.body;
    const auto json = reply.json();
    ASSERT_TRUE(json.IsObject()) << reply.body;
    EXPECT_STREQ(json["error"].GetString(), "invalid_grant");
    EXPECT_THAT(json["error_description"].GetString(), HasSubstr(description));
  }

  static std::unique_ptr<TestSigningKey> key;
};

std::unique_ptr<TestSigningKey> JwtBearerTest::key;

TEST_F(JwtBearerTest, GoodAssertionGetsAUsableToken) {
  const auto reply = grant(key->sign_jwt(kHeader, claims()));
  ASSERT_EQ(reply.status, 200) << reply.body;
  token = reply.json()["access_token"].GetString();
  EXPECT_EQ(get(fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi)).status, 200);
  EXPECT_THAT(server->requests().at(1).body_json, HasSubstr(R"("claims":{"iss":"insights-local")"));
  EXPECT_THAT(server->requests().at(1).body_json, Not(HasSubstr(key->sign_jwt(kHeader, claims()).substr(0, 40))));
}

TEST_F(JwtBearerTest, AudienceArrayIsAccepted) {
  const auto assertion = key->sign_jwt(
      kHeader, fmt::format(R"({{"iss":"insights-local","sub":"integration@bookme.example","aud":["x","https://login.salesforce.com"],"exp":{}}})",
                           kNow + 60));
  EXPECT_EQ(grant(assertion).status, 200);
}

TEST_F(JwtBearerTest, BadSignatureIsRefused) {
  const TestSigningKey other;
  expect_invalid_grant(other.sign_jwt(kHeader, claims()), "signature");
  auto tampered = key->sign_jwt(kHeader, claims());
  tampered[tampered.find('.') + 3] ^= 1;
  expect_invalid_grant(tampered, "invalid assertion");
}

TEST_F(JwtBearerTest, WrongAudienceIsRefused) {
  expect_invalid_grant(key->sign_jwt(kHeader, claims("insights-local", "integration@bookme.example",
                                                     "https://test.salesforce.com")),
                       "audience");
}

TEST_F(JwtBearerTest, UnknownIssuerOrSubjectIsRefused) {
  expect_invalid_grant(key->sign_jwt(kHeader, claims("someone-else")), "iss");
  expect_invalid_grant(key->sign_jwt(kHeader, claims("insights-local", "intruder@example.com")), "approved");
}

TEST_F(JwtBearerTest, ExpiredOrTooFarAheadIsRefused) {
  expect_invalid_grant(key->sign_jwt(kHeader, claims("insights-local", "integration@bookme.example",
                                                     "https://login.salesforce.com", kNow - 1)),
                       "expired");
  expect_invalid_grant(key->sign_jwt(kHeader, claims("insights-local", "integration@bookme.example",
                                                     "https://login.salesforce.com", kNow + 301)),
                       "ahead");
  EXPECT_EQ(grant(key->sign_jwt(kHeader, claims("insights-local", "integration@bookme.example",
                                                "https://login.salesforce.com", kNow + 300)))
                .status,
            200);
}

TEST_F(JwtBearerTest, MalformedAssertionsAreRefused) {
  expect_invalid_grant("abc", "three");
  expect_invalid_grant(key->sign_jwt(R"({"alg":"HS256"})", claims()), "RS256");
  EXPECT_EQ(post_form("/services/oauth2/token", "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
                .status,
            400);
}

TEST(JwtBearerConfigTest, GrantIsRefusedWithoutACertificate) {
  Server server(Options{});
  httplib::Client client(server.base_url());
  const auto reply = client.Post("/services/oauth2/token",
                                 "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c",
                                 "application/x-www-form-urlencoded");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_THAT(reply->body, HasSubstr("--jwt-cert"));
}

TEST(JwtBearerConfigTest, UnreadableCertificateFailsAtStart) {
  Options options;
  options.jwt_certificate_pem = "not a certificate";
  EXPECT_THROW(Server{options}, ::insights::Error);
}

}  // namespace
}  // namespace insights::emulator::testing
