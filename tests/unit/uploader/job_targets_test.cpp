#include "workers/uploader/job_targets.h"

#include <gtest/gtest.h>

namespace insights::uploader {
namespace {

OrgsFile two_orgs_one_login() {
  return parse_orgs_file(R"(
[acme]
login_url = "http://127.0.0.1:1"
client_id = "c"
client_secret_env = "SECRET_A"
app = "AcmeApp"
[acme.datasets.meetings]
alias = "Acme_Meetings"
operation = "Overwrite"
[acme-eu]
login_url = "http://127.0.0.1:1"
client_id = "c"
client_secret_env = "SECRET_A"
[other]
login_url = "http://127.0.0.1:2"
client_id = "c"
client_secret_env = "SECRET_B"
operation = "Append"
)",
                         "/etc/insights/orgs.toml");
}

JobTargets make_targets(int& made) {
  UploadSettings defaults;
  defaults.app = "GlobalApp";
  return JobTargets(two_orgs_one_login(), defaults, [&made](const OrgSettings&) {
    ++made;
    return Connection{std::make_unique<salesforce::Client>(salesforce::Credentials{"http://127.0.0.1:1", "c", "s"},
                                                           salesforce::ClientOptions{}),
                      nullptr};
  });
}

TEST(JobTargets, OneConnectionPerLoginAndPerDatasetNames) {
  int made = 0;
  auto targets = make_targets(made);
  EXPECT_EQ(made, 2);  // acme and acme-eu share a login
  const auto meetings = targets.resolve({"acme", "meetings", "r"}, "Upsert");
  EXPECT_EQ(meetings.alias, "Acme_Meetings");
  EXPECT_EQ(meetings.app, "AcmeApp");
  EXPECT_EQ(meetings.operation, "Overwrite");
  const auto availability = targets.resolve({"acme", "availability", "r"}, "Upsert");
  EXPECT_EQ(availability.alias, "availability_acme");
  EXPECT_EQ(availability.operation, "Upsert");
  const auto eu = targets.resolve({"acme-eu", "meetings", "r"}, "Upsert");
  EXPECT_EQ(eu.client, meetings.client);
  EXPECT_EQ(eu.alias, "meetings_acme_eu");
  EXPECT_EQ(eu.app, "GlobalApp");
  const auto other = targets.resolve({"other", "meetings", "r"}, "Upsert");
  EXPECT_NE(other.client, meetings.client);
  EXPECT_EQ(other.operation, "Append");
}

TEST(JobTargets, UnknownOrgIsRefusedNamingOrgAndFile) {
  int made = 0;
  auto targets = make_targets(made);
  try {
    targets.resolve({"zeta", "meetings", "r"}, "Upsert");
    FAIL() << "an org missing from the file must be refused";
  } catch (const OrgNotConfigured& e) {
    EXPECT_NE(std::string(e.what()).find("'zeta'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("/etc/insights/orgs.toml"), std::string::npos) << e.what();
  }
}

TEST(JobTargets, WithoutFileEveryOrgUsesTheGlobalSettings) {
  salesforce::Client client(salesforce::Credentials{"http://127.0.0.1:1", "c", "s"}, {});
  UploadSettings defaults;
  defaults.alias_template = "bookme_{dataset}_{org}";
  defaults.app = "Shared";
  JobTargets targets(client, nullptr, defaults);
  const auto t = targets.resolve({"anyone", "meetings", "r"}, "Upsert");
  EXPECT_EQ(t.client, &client);
  EXPECT_EQ(t.alias, "bookme_meetings_anyone");
  EXPECT_EQ(t.app, "Shared");
  EXPECT_EQ(t.operation, "Upsert");
}

}  // namespace
}  // namespace insights::uploader
