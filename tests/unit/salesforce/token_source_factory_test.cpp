// make_token_source: which flow it builds, and the errors that name each missing or invalid setting.
#include "shared/salesforce/token_source_factory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/salesforce/jwt_bearer_token_source.h"
#include "tests/unit/salesforce/jwt_test_support.h"

namespace insights::salesforce {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

AuthSettings client_credentials() {
  return {"client_credentials", "https://acme.my.salesforce.com", "consumer-key", "the-client-secret", "", "", ""};
}

AuthSettings jwt(std::string key_file) {
  return {"jwt", "https://login.salesforce.com", "consumer-key", "", "svc@acme.example", "https://login.salesforce.com",
          std::move(key_file)};
}

std::string error_of(const AuthSettings& settings) {
  try {
    make_token_source(settings);
  } catch (const Error& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected insights::Error";
  return {};
}

TEST(MakeTokenSource, BuildsTheChosenFlow) {
  testing::TempDir dir;
  const auto key_file = dir.write("key.pem", testing::private_key_pem(testing::shared_rsa_key()));
  const auto credentials = make_token_source(client_credentials());
  EXPECT_NE(dynamic_cast<ClientCredentialsTokenSource*>(credentials.get()), nullptr);
  const auto bearer = make_token_source(jwt(key_file));
  ASSERT_NE(dynamic_cast<JwtBearerTokenSource*>(bearer.get()), nullptr);
  // The client secret plays no part in the JWT flow, so it may stay unset.
  EXPECT_FALSE(dynamic_cast<JwtBearerTokenSource*>(bearer.get())->assertion().empty());
}

TEST(MakeTokenSource, UnknownFlowNamesTheSettingAndTheChoices) {
  auto settings = client_credentials();
  settings.flow = "password";
  EXPECT_THAT(error_of(settings),
              AllOf(HasSubstr("salesforce.auth_flow = 'password'"), HasSubstr("client_credentials or jwt")));
}

TEST(MakeTokenSource, ClientCredentialsNeedsASecretButNeverShowsOne) {
  auto settings = client_credentials();
  settings.client_secret.clear();
  EXPECT_THAT(error_of(settings), AllOf(HasSubstr("salesforce.client_secret is empty"),
                                        HasSubstr("INSIGHTS_SALESFORCE_CLIENT_SECRET_FILE")));
  settings = client_credentials();
  settings.login_url = "acme.my.salesforce.com";
  EXPECT_THAT(error_of(settings), AllOf(HasSubstr("salesforce.login_url = 'acme.my.salesforce.com' is not an http(s)"),
                                        Not(HasSubstr("the-client-secret"))));
}

TEST(MakeTokenSource, JwtListsEveryMissingSettingAtOnce) {
  AuthSettings settings{"jwt", "", "", "", "", "", ""};
  const auto message = error_of(settings);
  EXPECT_THAT(message, AllOf(HasSubstr("salesforce.login_url is empty"), HasSubstr("salesforce.client_id is empty"),
                             HasSubstr("salesforce.username is empty"), HasSubstr("salesforce.jwt_audience is empty"),
                             HasSubstr("salesforce.jwt_key_file is empty")));
  EXPECT_THAT(message, Not(HasSubstr("salesforce.client_secret")));
}

TEST(MakeTokenSource, JwtReadsTheKeyFileAtOnce) {
  testing::TempDir dir;
  EXPECT_THAT(error_of(jwt((dir.path() / "missing.pem").string())),
              AllOf(HasSubstr("missing.pem"), HasSubstr("salesforce.jwt_key_file"), HasSubstr("does not exist")));
  auto settings = jwt(dir.write("key.pem", testing::private_key_pem(testing::shared_rsa_key())));
  settings.audience = "login.salesforce.com";
  EXPECT_THAT(error_of(settings), HasSubstr("salesforce.jwt_audience = 'login.salesforce.com' is not an http(s)"));
}

}  // namespace
}  // namespace insights::salesforce
