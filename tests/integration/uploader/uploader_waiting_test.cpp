// A job whose run_end names batches that never arrive keeps waiting, and says so: a gauge per dataset.
// Also: an uploader refuses to start without upload threads.
#include <gtest/gtest.h>

#include <thread>

#include "shared/kafka/producer.h"
#include "shared/metrics/registry.h"
#include "shared/schema/schema.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

TEST(UploaderWaiting, JobMissingABatchIsReportedAndNotUploaded) {
  UploaderBench bench;
  const auto emulator_options = bench.emulator_options();
  salesforce::Client client({bench.emulator->base_url(), emulator_options.client_id, emulator_options.client_secret},
                            bench.client_options());
  auto options = bench.uploader_options("waiting");
  metrics::Registry registry;
  options.metrics = &registry;
  options.waiting_report_after = std::chrono::seconds(1);
  uploader::JobTargets targets(client, nullptr, options.upload);

  const auto staged = stage_job(bench.store, {"acme", "meetings", "waiting-run"}, 600, 250);
  ASSERT_EQ(staged.batches.size(), 3u);
  {
    kafka::Producer producer(bench.pipeline.properties());
    const auto key = staged.job.job.id();
    producer.produce(schema::schema().topics.batches, key, schema::encode_manifest(staged.batches[0]));
    producer.produce(schema::schema().topics.batches, key, schema::encode_manifest(staged.job));
    producer.flush(std::chrono::seconds(30));
  }
  UploaderThread worker(options, bench.store, targets);
  const std::string expected = "insights_uploader_jobs_waiting{dataset=\"meetings\"} 1\n";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (registry.render().find(expected) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_NE(registry.render().find(expected), std::string::npos) << registry.render();
  EXPECT_TRUE(bench.emulator->headers().empty()) << "a job missing batches must not be uploaded";
}

TEST(UploaderOptions, ConcurrentJobsBelowOneIsRefusedNamingTheKey) {
  UploaderBench bench;
  const auto emulator_options = bench.emulator_options();
  salesforce::Client client({bench.emulator->base_url(), emulator_options.client_id, emulator_options.client_secret},
                            bench.client_options());
  auto options = bench.uploader_options("no-threads");
  options.concurrent_jobs = 0;
  uploader::JobTargets targets(client, nullptr, options.upload);
  try {
    uploader::Uploader worker(options, bench.store, targets);
    FAIL() << "an uploader without upload threads started";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("uploader.concurrent_jobs is 0"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace insights::testing
