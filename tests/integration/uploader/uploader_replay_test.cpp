// A job that failed for good is fixed on the Salesforce side, replayed from the DLQ, and then loads exactly once.
#include <gtest/gtest.h>

#include "emulator/fault_spec.h"
#include "shared/kafka/producer.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/replay/job_replay.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

TEST(UploaderReplay, FailedJobReplayedAfterTheFaultIsFixedLoadsItsRowsOnce) {
  UploaderBench bench;
  const auto emulator_options = bench.emulator_options();
  salesforce::Client client({bench.emulator->base_url(), emulator_options.client_id, emulator_options.client_secret},
                            bench.client_options());
  auto options = bench.uploader_options("replay");
  uploader::JobTargets targets(client, nullptr, options.upload);

  emulator::FaultSpec fault;
  fault.kind = emulator::FaultKind::FailProcessing;
  fault.alias = "meetings_acme";
  fault.message = "dataflow broke";
  bench.emulator->faults().add(fault);
  const auto staged = stage_job(bench.store, {"acme", "meetings", "replay-run"}, 700, 300);
  publish(bench.pipeline.properties(), staged);
  {
    UploaderThread worker(options, bench.store, targets);
    const auto results = worker.wait_for(1);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, "Failed");
  }
  ASSERT_EQ(read_batches_dlq(bench.pipeline.properties(), 1, std::chrono::seconds(20)).size(), 1u);

  // The fault is gone (it applied once); the operator replays the job.
  const auto letters = replay::read_dead_letters(bench.pipeline.properties(), false);
  const auto& failed = letters.jobs.at("acme/meetings/replay-run");
  ASSERT_TRUE(replay::check_job(failed, bench.store).replayable);
  {
    kafka::Producer producer(bench.pipeline.properties());
    replay::republish(producer, failed, "2026-11-25T08:00:00Z");
  }
  UploaderThread worker(options, bench.store, targets);
  const auto results = worker.wait_for(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].ok) << results[0].status << ": " << results[0].message;
  EXPECT_EQ(results[0].status, "Completed");
  const auto dataset = bench.emulator->dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), staged.rows);
  EXPECT_EQ(bench.emulator->headers().size(), 2u) << "the failed header stays; one new header loads the rows";
  EXPECT_TRUE(replay::read_dead_letters(bench.pipeline.properties(), false).jobs.empty());
}

}  // namespace
}  // namespace insights::testing
