// The retention sweeper inside a real `insights uploader`: a completed job's chunks expire, a dead-lettered job's
// chunks stay until it is replayed with the fault fixed, completes, and then expires like any completed job.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <functional>

#include "emulator/fault_spec.h"
#include "shared/chunkstore/retention.h"
#include "tests/integration/retention/retention_cli.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "tests/support/child_process.h"

namespace insights::testing {
namespace {

using chunkstore::JobPath;
using chunkstore::JobState;

std::vector<std::string> settings(const UploaderBench& bench) {
  return {"--set", "kafka.bootstrap_servers=" + bench.pipeline.cluster.bootstrap_servers(),
          "--set", "kafka.session_timeout_ms=6000",
          "--set", "kafka.extra=fetch.wait.max.ms=10",
          "--set", "chunk_store.path=" + (bench.pipeline.dir / "chunks").string(),
          "--set", "salesforce.login_url=" + bench.emulator->base_url(),
          "--set", "uploader.group_id=retention-uploader",
          "--set", "uploader.max_part_bytes=16384",
          "--set", "log.format=json",
          // Tiny retention and a quick sweep, so expiry happens within the test.
          "--set", "chunk_store.retention=1s",
          "--set", "chunk_store.retention_sweep_interval=100ms"};
}

// Polls `done` until it holds or a generous deadline passes; the caller asserts on the result.
bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

JobPath path_of(const StagedJob& staged) {
  const auto& key = staged.job.job;
  return {key.org, key.dataset, key.run};
}

bool has_state(const chunkstore::ChunkStore& store, const JobPath& job, JobState state) {
  const auto record = chunkstore::read_job_state_record(store, job);
  return record && record->state == state;
}

bool gone(const chunkstore::ChunkStore& store, const JobPath& job) {
  return store.list_batches(job).empty() && !store.read_job_state(job).has_value();
}

TEST(RetentionInUploader, CompletedJobExpiresDeadLetteredJobStaysUntilReplayedAndCompleted) {
  UploaderBench bench;
  ::setenv("INSIGHTS_SALESFORCE_CLIENT_SECRET", bench.emulator_options().client_secret.c_str(), 1);
  emulator::FaultSpec fault;  // applies once: the replay finds Salesforce fixed
  fault.kind = emulator::FaultKind::FailProcessing;
  fault.alias = "meetings_beta";
  fault.message = "dataflow broke";
  bench.emulator->faults().add(fault);

  const auto log = (bench.pipeline.dir / "uploader.log").string();
  auto argv = settings(bench);
  argv.insert(argv.begin(), INSIGHTS_BINARY);
  argv.emplace_back("uploader");
  ChildProcess uploader(argv, log);

  const auto dead = stage_job(bench.store, {"beta", "meetings", "dlq-run"}, 700, 300);
  const JobPath dead_job = path_of(dead);
  publish(bench.pipeline.properties(), dead);
  ASSERT_TRUE(eventually([&] { return has_state(bench.store, dead_job, JobState::DeadLettered); })) << read_file(log);

  // Published after the other job was dead-lettered, this one completes later; once the sweeper has removed it, the
  // dead-lettered job was past the retention too in that very sweep, and was kept only for being dead-lettered.
  const auto done = stage_job(bench.store, {"acme", "meetings", "done-run"}, 700, 300);
  const JobPath done_job = path_of(done);
  publish(bench.pipeline.properties(), done);
  ASSERT_TRUE(eventually([&] { return gone(bench.store, done_job); })) << read_file(log);
  const auto loaded = bench.emulator->dataset("meetings_acme");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->rows.size(), done.rows) << "the job completed before its chunks expired";
  EXPECT_EQ(bench.store.list_batches(dead_job).size(), dead.batches.size());
  EXPECT_TRUE(has_state(bench.store, dead_job, JobState::DeadLettered));

  auto replay = settings(bench);
  replay.insert(replay.end(), {"replay", dead_job.name()});
  const auto replayed = run_insights(bench.pipeline.dir, replay);
  ASSERT_EQ(replayed.exit_code, 0) << replayed.output;
  EXPECT_NE(replayed.output.find("replayed " + dead_job.name()), std::string::npos) << replayed.output;

  ASSERT_TRUE(eventually([&] { return gone(bench.store, dead_job); })) << read_file(log);
  const auto recovered = bench.emulator->dataset("meetings_beta");
  ASSERT_TRUE(recovered.has_value());
  EXPECT_EQ(recovered->rows.size(), dead.rows) << "the replayed job completed before its chunks expired";
  uploader.stop();
  const auto text = read_file(log);
  EXPECT_NE(text.find("expired chunks of completed jobs"), std::string::npos) << text;
  EXPECT_NE(text.find("job completed"), std::string::npos) << text;
}

}  // namespace
}  // namespace insights::testing
