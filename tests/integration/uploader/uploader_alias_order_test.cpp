// Jobs of one dataset alias land in the order they became ready, also when the older one is deferred for a retry:
// a newer night's Overwrite must not be replaced by the older night's retry coming due after it.
#include <gtest/gtest.h>

#include <thread>

#include "emulator/fault_spec.h"
#include "tests/integration/uploader/uploader_fixture.h"

namespace insights::testing {
namespace {

const std::string kHeaders = "/services/data/v62.0/sobjects/InsightsExternalData";

bool header_create_tried(const emulator::Server& emulator) {
  for (const auto& request : emulator.requests()) {
    if (request.method == "POST" && request.path == kHeaders) return true;
  }
  return false;
}

// Publishes `older`, and `newer` (same alias) once the older job's first header create was tried; the older job's
// first `failing_tries` tries fail: each of the client's header creates is refused with Retry-After 1 s, so a try
// fails (transient, the job is deferred) some 3 s after it began, well after the newer job became ready.
std::vector<uploader::JobResult> older_deferred_then_newer(ClientBench& order, const uploader::UploaderOptions& options,
                                                          std::uint64_t failing_tries, const StagedJob& older,
                                                          const StagedJob& newer, uploader::UploaderStats& stats) {
  emulator::FaultSpec fault;
  fault.kind = emulator::FaultKind::Status;
  fault.status = 503;
  fault.method = "POST";
  fault.path_prefix = kHeaders;
  fault.count = failing_tries * static_cast<std::uint64_t>(order.bench.client_options().retry.max_attempts);
  fault.retry_after = 1;
  order.bench.emulator->faults().add(fault);
  UploaderThread worker(options, order.bench.store, order.targets);
  publish(order.bench.pipeline.properties(), older);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!header_create_tried(*order.bench.emulator) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(header_create_tried(*order.bench.emulator)) << "the older job never started";
  publish(order.bench.pipeline.properties(), newer);
  auto results = worker.wait_for(2);
  stats = worker.stats();
  return results;
}

TEST(UploaderAliasOrder, NewerJobOfTheAliasWaitsForAnOlderOneDeferredForARetry) {
  ClientBench order;
  const auto older = stage_job(order.bench.store, {"acme", "meetings", "night-1"}, 600, 250);
  const auto newer = stage_job(order.bench.store, {"acme", "meetings", "night-2"}, 300, 250);
  uploader::UploaderStats stats;
  const auto results = older_deferred_then_newer(order, order.bench.uploader_options("alias-order"), 1, older, newer, stats);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].job.run, "night-1") << "the newer job of the alias ran while the older one waited for its retry";
  EXPECT_EQ(results[1].job.run, "night-2");
  for (const auto& result : results) EXPECT_TRUE(result.ok) << result.job.run << ": " << result.message;
  EXPECT_GE(stats.job_retries, 1u) << "the older job was never deferred; the test proves nothing";
  const auto dataset = order.bench.emulator->dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->row_count, newer.rows) << "the older night's Overwrite replaced the newer one";
}

TEST(UploaderAliasOrder, DeferredJobThatIsDeadLetteredReleasesItsAlias) {
  ClientBench order;
  auto options = order.bench.uploader_options("alias-order-dlq");
  options.job_retry.max_attempts = 2;  // the older job fails both tries and goes to the DLQ
  const auto older = stage_job(order.bench.store, {"acme", "meetings", "night-1"}, 600, 250);
  const auto newer = stage_job(order.bench.store, {"acme", "meetings", "night-2"}, 300, 250);
  uploader::UploaderStats stats;
  const auto results = older_deferred_then_newer(order, options, 2, older, newer, stats);
  ASSERT_EQ(results.size(), 2u) << "the newer job never ran after the older one was dead-lettered";
  EXPECT_EQ(results[0].job.run, "night-1");
  EXPECT_FALSE(results[0].ok);
  EXPECT_EQ(results[1].job.run, "night-2");
  EXPECT_TRUE(results[1].ok) << results[1].message;
  EXPECT_EQ(stats.jobs_failed, 1u);
  EXPECT_EQ(read_batches_dlq(order.bench.pipeline.properties(), 1, std::chrono::seconds(20)).size(), 1u);
}

}  // namespace
}  // namespace insights::testing
