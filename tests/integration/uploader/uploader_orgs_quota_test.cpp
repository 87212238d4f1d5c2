// Per-organisation targets from an orgs file, and the rolling 24-hour quotas read from Salesforce before each job.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>

#include "shared/metrics/registry.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"
#include "workers/uploader/usage_reader.h"

namespace insights::testing {
namespace {

class UploaderOrgsQuota : public ::testing::Test {
 protected:
  // Both orgs of the file log in to the same emulator with the same credentials: one connection.
  std::unique_ptr<uploader::JobTargets> targets_from_file(const uploader::UploadSettings& settings) {
    const auto path = bench_.pipeline.dir / "orgs.toml";
    std::ofstream(path) << "[acme]\nlogin_url = \"" << bench_.emulator->base_url()
                        << "\"\nclient_id = \"insights-local\"\nclient_secret_env = \"IT_ORG_SECRET\"\n"
                           "[acme.datasets.meetings]\nalias = \"Acme_Meetings\"\n"
                           "[northbank]\nlogin_url = \""
                        << bench_.emulator->base_url()
                        << "\"\nclient_id = \"insights-local\"\nclient_secret_env = \"IT_ORG_SECRET\"\n"
                           "operation = \"Overwrite\"\n";
    return std::make_unique<uploader::JobTargets>(
        uploader::read_orgs_file(path), settings, [this](const uploader::OrgSettings& org) {
          const auto secret = bench_.emulator_options().client_secret;  // the test's stand-in for the variable
          salesforce::Credentials credentials{org.login_url, org.client_id, secret};
          uploader::Connection connection;
          connection.client = std::make_unique<salesforce::Client>(credentials, bench_.client_options());
          connection.usage = std::make_unique<uploader::SoqlUsageReader>(
              std::make_unique<salesforce::ClientCredentialsTokenSource>(credentials), "v62.0");
          return connection;
        });
  }

  UploaderBench bench_;
};

TEST_F(UploaderOrgsQuota, OrgsFromTheFileGetTheirAliasesAndUnknownOrgsGoToTheDeadLetterQueue) {
  auto options = bench_.uploader_options("orgs");
  auto targets = targets_from_file(options.upload);
  EXPECT_EQ(targets->connections(), 1u);
  const auto acme = stage_job(bench_.store, {"acme", "meetings", "r1"}, 300, 200, "Upsert");
  const auto northbank = stage_job(bench_.store, {"northbank", "meetings", "r1"}, 200, 200, "Upsert");
  const auto zeta = stage_job(bench_.store, {"zeta", "meetings", "r1"}, 100, 200, "Upsert");
  for (const auto* job : {&acme, &northbank, &zeta}) publish(bench_.pipeline.properties(), *job);

  std::vector<uploader::JobResult> results;
  {
    UploaderThread worker(options, bench_.store, *targets);
    results = worker.wait_for(3);
  }
  ASSERT_EQ(results.size(), 3u);
  std::map<std::string, uploader::JobResult> by_org;
  for (const auto& r : results) by_org[r.job.org] = r;
  EXPECT_TRUE(by_org["acme"].ok) << by_org["acme"].message;
  EXPECT_EQ(bench_.emulator->dataset("Acme_Meetings")->rows.size(), 300u);
  EXPECT_TRUE(by_org["northbank"].ok) << by_org["northbank"].message;
  EXPECT_EQ(by_org["northbank"].operation, "Overwrite");
  EXPECT_EQ(bench_.emulator->dataset("meetings_northbank")->rows.size(), 200u);
  EXPECT_FALSE(by_org["zeta"].ok);
  EXPECT_EQ(bench_.emulator->headers().size(), 2u);  // nothing was sent for zeta

  const auto dlq = read_batches_dlq(bench_.pipeline.properties(), 1, std::chrono::seconds(20));
  ASSERT_EQ(dlq.size(), 1u);
  EXPECT_EQ(json_string(dlq[0], "org"), "zeta");
  EXPECT_NE(json_string(dlq[0], "error").find("'zeta'"), std::string::npos) << dlq[0];
  EXPECT_NE(json_string(dlq[0], "error").find((bench_.pipeline.dir / "orgs.toml").string()), std::string::npos) << dlq[0];
  EXPECT_EQ(json_int(dlq[0], "attempts"), 1);
}

TEST_F(UploaderOrgsQuota, BudgetLeftAfterEachJobIsExportedAsGauges) {
  auto options = bench_.uploader_options("quota-gauges");
  metrics::Registry registry;
  options.metrics = &registry;
  options.upload.quota.jobs_per_dataset = 5;
  options.upload.quota.bytes = 10'000'000;
  auto targets = targets_from_file(options.upload);
  const auto first = stage_job(bench_.store, {"acme", "meetings", "r1"}, 300, 200, "Upsert");
  publish(bench_.pipeline.properties(), first);
  UploaderThread worker(options, bench_.store, *targets);
  auto results = worker.wait_for(1);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok) << results[0].message;
  // Nothing was used before the first job: what is left is the limits less that job.
  auto text = registry.render();
  EXPECT_NE(text.find("insights_uploader_quota_jobs_left{org=\"acme\",dataset=\"meetings\"} 4\n"), std::string::npos) << text;
  EXPECT_NE(text.find(fmt::format("insights_uploader_quota_bytes_left{{org=\"acme\"}} {}\n", 10'000'000 - results[0].chunk_bytes)),
            std::string::npos)
      << text;

  const auto second = stage_job(bench_.store, {"acme", "meetings", "r2"}, 300, 200, "Upsert");
  publish(bench_.pipeline.properties(), second);
  results = worker.wait_for(2);
  ASSERT_EQ(results.size(), 2u);
  text = registry.render();
  EXPECT_NE(text.find("insights_uploader_quota_jobs_left{org=\"acme\",dataset=\"meetings\"} 3\n"), std::string::npos) << text;
}

TEST_F(UploaderOrgsQuota, JobOverTheDailyJobLimitGoesToTheDeadLetterQueueWhenToldTo) {
  auto options = bench_.uploader_options("quota-dlq");
  options.upload.quota.jobs_per_dataset = 1;
  options.quota_policy = uploader::QuotaPolicy::DeadLetter;
  auto targets = targets_from_file(options.upload);
  const auto first = stage_job(bench_.store, {"acme", "meetings", "r1"}, 100, 200, "Upsert");
  const auto second = stage_job(bench_.store, {"acme", "meetings", "r2"}, 100, 200, "Upsert");
  std::vector<uploader::JobResult> results;
  {
    UploaderThread worker(options, bench_.store, *targets);
    publish(bench_.pipeline.properties(), first);
    ASSERT_EQ(worker.wait_for(1).size(), 1u);
    publish(bench_.pipeline.properties(), second);
    results = worker.wait_for(2);
  }
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].ok) << results[0].message;
  EXPECT_FALSE(results[1].ok);
  EXPECT_EQ(results[1].status, "QuotaExceeded");
  EXPECT_EQ(bench_.emulator->headers().size(), 1u);
  const auto dlq = read_batches_dlq(bench_.pipeline.properties(), 1, std::chrono::seconds(20));
  ASSERT_EQ(dlq.size(), 1u);
  EXPECT_NE(json_string(dlq[0], "error").find("Acme_Meetings already has 1 jobs"), std::string::npos) << dlq[0];
}

TEST_F(UploaderOrgsQuota, JobOverTheDailyJobLimitWaitsWhileOtherJobsGoOn) {
  auto options = bench_.uploader_options("quota-wait");
  options.upload.quota.jobs_per_dataset = 1;
  auto targets = targets_from_file(options.upload);
  const auto first = stage_job(bench_.store, {"acme", "meetings", "r1"}, 100, 200, "Upsert");
  const auto held = stage_job(bench_.store, {"acme", "meetings", "r2"}, 100, 200, "Upsert");
  const auto other = stage_job(bench_.store, {"northbank", "meetings", "r1"}, 100, 200, "Upsert");
  UploaderThread worker(options, bench_.store, *targets);
  publish(bench_.pipeline.properties(), first);
  ASSERT_EQ(worker.wait_for(1).size(), 1u);
  publish(bench_.pipeline.properties(), held);
  publish(bench_.pipeline.properties(), other);
  // The held job keeps waiting (re-checking every 200 ms) while the loop goes on polling and uploads the other org.
  const auto results = worker.wait_for(3, std::chrono::seconds(5));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].job.org, "northbank");
  EXPECT_TRUE(results[1].ok) << results[1].message;
  EXPECT_GE(worker.stats().quota_waits, 2u);
  EXPECT_EQ(worker.stats().jobs_failed, 0u);
}

}  // namespace
}  // namespace insights::testing
