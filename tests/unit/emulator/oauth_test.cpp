#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"

namespace insights::emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

using OAuthTest = EmulatorTest;

TEST_F(OAuthTest, ClientCredentialsGrantReturnsAUsableToken) {
  const auto reply = post_form("/services/oauth2/token",
                               "grant_type=client_credentials&client_id=insights-local&client_secret=insights-local-secret");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto json = reply.json();
  EXPECT_STRNE(json["access_token"].GetString(), token.c_str());
  EXPECT_EQ(std::string(json["instance_url"].GetString()), server->base_url());
  EXPECT_EQ(std::string(json["token_type"].GetString()), "Bearer");
  EXPECT_EQ(std::string(json["scope"].GetString()), "api");
  EXPECT_THAT(json["id"].GetString(), StartsWith(server->base_url() + "/id/00D"));
  EXPECT_THAT(json["issued_at"].GetString(), MatchesRegex("[0-9]+"));
  EXPECT_FALSE(std::string(json["signature"].GetString()).empty());
  EXPECT_THAT(reply.limit_info, StartsWith("api-usage="));
  EXPECT_EQ(server->base_url(), fmt::format("http://127.0.0.1:{}", server->port()));
}

TEST_F(OAuthTest, WrongSecretIsInvalidClient) {
  const auto reply =
      post_form("/services/oauth2/token", "grant_type=client_credentials&client_id=insights-local&client_secret=nope");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(std::string(reply.json()["error"].GetString()), "invalid_client");
}

TEST_F(OAuthTest, WrongClientIdIsRefused) {
  const auto reply = post_form("/services/oauth2/token",
                               "grant_type=client_credentials&client_id=other&client_secret=insights-local-secret");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(std::string(reply.json()["error"].GetString()), "invalid_client_id");
}

TEST_F(OAuthTest, UnknownGrantTypeIsUnsupported) {
  const auto reply = post_form("/services/oauth2/token", "grant_type=password&username=a&password=b");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(std::string(reply.json()["error"].GetString()), "unsupported_grant_type");
}

TEST_F(OAuthTest, DataCallsWithoutAValidBearerAreRefused) {
  const auto path = fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi);
  const auto missing = get(path, false);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.error_code(), "INVALID_SESSION_ID");
  EXPECT_EQ(missing.error_message(), "Session expired or invalid");
  EXPECT_FALSE(missing.limit_info.empty());
  const auto bogus = client->Get(path, {{"Authorization", "Bearer 00Dxx!forged"}});
  ASSERT_TRUE(bogus);
  EXPECT_EQ(bogus->status, 401);
  const auto valid = get(path);
  EXPECT_EQ(valid.status, 200) << valid.body;
}

TEST_F(OAuthTest, ApiUsageCountsDataCalls) {
  const auto first = get(fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi));
  const auto second = get(fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi));
  EXPECT_THAT(first.limit_info, MatchesRegex("api-usage=[0-9]+/15000"));
  EXPECT_NE(first.limit_info, second.limit_info);
}

TEST_F(OAuthTest, UnsupportedApiVersionIsNotFound) {
  EXPECT_EQ(get("/services/data/v30.0/sobjects/InsightsExternalData/06V000000000001AAA").status, 404);
  EXPECT_EQ(get("/services/data/v68.0/query?q=SELECT+Id+FROM+InsightsExternalData").status, 404);
  const auto oldest = get("/services/data/v31.0/query?q=SELECT+Id+FROM+InsightsExternalData");
  EXPECT_EQ(oldest.status, 200) << oldest.body;
}

}  // namespace
}  // namespace insights::emulator::testing
