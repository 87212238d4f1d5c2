#include "workers/uploader/orgs_file.h"

#include <gtest/gtest.h>

#include "shared/util/error.h"

namespace insights::uploader {
namespace {

constexpr std::string_view kExample = R"(
[acme]
login_url = "https://acme.my.salesforce.com"
client_id = "3MVG9-acme"
client_secret_env = "ACME_SF_SECRET"
app = "BookMe_Insights"
operation = "Upsert"

[acme.datasets.meetings]
alias = "BookMe_Meetings"

[acme.datasets.availability]
operation = "Overwrite"

[northbank]
login_url = "https://northbank.my.salesforce.com"
auth_flow = "jwt"
client_id = "3MVG9-nb"
username = "integration@northbank.example"
jwt_key_file = "/run/secrets/northbank.pem"
)";

std::string error_of(std::string_view text) {
  try {
    parse_orgs_file(text, "orgs.toml");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(OrgsFile, ReadsOrganisationsDatasetsAndCredentialsSources) {
  const auto file = parse_orgs_file(kExample, "orgs.toml");
  ASSERT_EQ(file.orgs.size(), 2u);
  const auto& acme = file.orgs.at("acme");
  EXPECT_EQ(acme.login_url, "https://acme.my.salesforce.com");
  EXPECT_EQ(acme.auth_flow, "client_credentials");
  EXPECT_EQ(acme.client_secret_env, "ACME_SF_SECRET");
  EXPECT_EQ(acme.app, "BookMe_Insights");
  EXPECT_EQ(acme.operation, "Upsert");
  EXPECT_EQ(acme.aliases.at("meetings"), "BookMe_Meetings");
  EXPECT_EQ(acme.operations.at("availability"), "Overwrite");
  const auto& nb = file.orgs.at("northbank");
  EXPECT_EQ(nb.auth_flow, "jwt");
  EXPECT_EQ(nb.username, "integration@northbank.example");
  EXPECT_EQ(nb.jwt_key_file, "/run/secrets/northbank.pem");
}

TEST(OrgsFile, RefusesSecretsInTheFileUnknownKeysAndMissingCredentials) {
  auto e = error_of("[acme]\nlogin_url=\"https://a\"\nclient_id=\"x\"\nclient_secret=\"hunter2\"\n");
  EXPECT_NE(e.find("client_secret_env"), std::string::npos) << e;
  EXPECT_EQ(e.find("hunter2"), std::string::npos) << e;
  e = error_of("[acme]\nlogin_url=\"https://a\"\nclient_id=\"x\"\nclient_secret_env=\"A\"\naliases=1\n");
  EXPECT_NE(e.find("unknown key 'aliases'"), std::string::npos) << e;
  e = error_of("[acme]\nlogin_url=\"https://a\"\nclient_id=\"x\"\n");
  EXPECT_NE(e.find("[acme]"), std::string::npos) << e;
  EXPECT_NE(e.find("client_secret_env"), std::string::npos) << e;
  e = error_of("[acme]\nclient_id=\"x\"\nclient_secret_env=\"A\"\n");
  EXPECT_NE(e.find("login_url is missing"), std::string::npos) << e;
  e = error_of("[acme]\nlogin_url=\"https://a\"\nclient_id=\"x\"\nclient_secret_env=\"A\"\noperation=\"Merge\"\n");
  EXPECT_NE(e.find("Merge"), std::string::npos) << e;
  e = error_of("[acme\n");
  EXPECT_NE(e.find("orgs.toml"), std::string::npos) << e;
  EXPECT_NE(error_of(""), "");
}

}  // namespace
}  // namespace insights::uploader
