// The real `insights chunks list|expire|drop` against a filesystem store holding jobs in every retention state.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "shared/chunkstore/file_chunk_store.h"
#include "shared/chunkstore/retention.h"
#include "tests/integration/retention/retention_cli.h"
#include "tests/integration/uploader/uploader_fixture.h"

namespace insights::testing {
namespace {

using chunkstore::Clock;
using chunkstore::JobPath;
using chunkstore::JobState;
using namespace std::chrono_literals;

const JobPath kOldDone{"acme", "meetings", "old-done"};   // completed 10 days ago: past the 7d default
const JobPath kNewDone{"acme", "meetings", "new-done"};   // completed an hour ago
const JobPath kOldDead{"acme", "meetings", "old-dead"};   // dead-lettered 30 days ago: kept regardless
const JobPath kRunning{"acme", "meetings", "running"};    // never marked

class ChunksCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "insights-chunks-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    store_ = std::make_unique<chunkstore::FileChunkStore>(dir_ / "chunks");
    const auto now = Clock::now();
    stage(kOldDone, 3);
    chunkstore::mark_job_completed(*store_, kOldDone, now - 24h * 10);
    stage(kNewDone, 2);
    chunkstore::mark_job_completed(*store_, kNewDone, now - 1h);
    stage(kOldDead, 2);
    chunkstore::mark_job_dead_lettered(*store_, kOldDead, now - 24h * 30);
    stage(kRunning, 1);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void stage(const JobPath& job, std::size_t batches) {
    stage_job(*store_, {job.org, job.dataset, job.run}, batches * 10, 10);
    batches_[job.name()] = batches;
  }

  // `insights [--set setting]... chunks args...`; global options go before the subcommand.
  CliRun chunks(const std::vector<std::string>& args, const std::vector<std::string>& settings = {}) {
    std::vector<std::string> argv{"--set", "chunk_store.path=" + (dir_ / "chunks").string()};
    for (const auto& setting : settings) argv.insert(argv.end(), {"--set", setting});
    argv.emplace_back("chunks");
    argv.insert(argv.end(), args.begin(), args.end());
    return run_insights(dir_, argv);
  }

  std::size_t batches(const JobPath& job) const { return store_->list_batches(job).size(); }
  std::optional<chunkstore::JobStateRecord> state(const JobPath& job) const {
    return chunkstore::read_job_state_record(*store_, job);
  }
  // Every job still has all its chunks and its mark.
  void expect_untouched(const std::vector<JobPath>& jobs) const {
    for (const auto& job : jobs) {
      EXPECT_EQ(batches(job), batches_.at(job.name())) << job.name();
      if (job == kRunning) continue;
      EXPECT_TRUE(state(job).has_value()) << job.name();
    }
  }

  std::filesystem::path dir_;
  std::unique_ptr<chunkstore::FileChunkStore> store_;
  std::map<std::string, std::size_t> batches_;
};

TEST_F(ChunksCommand, ListShowsEveryJobWithItsChunksAndState) {
  const auto run = chunks({"list"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("4 job(s) in"), std::string::npos) << run.output;
  const auto line_of = [&](const JobPath& job) {
    const auto at = run.output.find(job.name());
    if (at == std::string::npos) return std::string();
    return run.output.substr(at, run.output.find('\n', at) - at);
  };
  EXPECT_NE(line_of(kOldDone).find(" 3  completed at "), std::string::npos) << run.output;
  EXPECT_NE(line_of(kNewDone).find(" 2  completed at "), std::string::npos) << run.output;
  EXPECT_NE(line_of(kOldDead).find(" 2  dead_lettered at " + chunkstore::format_utc(state(kOldDead)->at)),
            std::string::npos)
      << run.output;
  EXPECT_NE(line_of(kRunning).find(" 1  in progress (not marked)"), std::string::npos) << run.output;
}

TEST_F(ChunksCommand, ExpireDryRunSaysWhatItWouldRemoveAndRemovesNothing) {
  const auto run = chunks({"expire", "--dry-run"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("would remove chunks of " + kOldDone.name()), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("chunks of " + kNewDone.name()), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("kept " + kOldDead.name() + " (dead-lettered"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("would remove 3 chunk(s) of 1 completed job(s)"), std::string::npos) << run.output;
  expect_untouched({kOldDone, kNewDone, kOldDead, kRunning});
}

TEST_F(ChunksCommand, ExpireRemovesOnlyCompletedJobsOlderThanTheRetention) {
  const auto run = chunks({"expire"});  // chunk_store.retention: 7d
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("removed 3 chunk(s) of 1 completed job(s)"), std::string::npos) << run.output;
  EXPECT_EQ(batches(kOldDone), 0u);
  EXPECT_FALSE(state(kOldDone).has_value());
  expect_untouched({kNewDone, kOldDead, kRunning});

  const auto shorter = chunks({"expire", "--older-than", "30m"});
  ASSERT_EQ(shorter.exit_code, 0) << shorter.output;
  EXPECT_NE(shorter.output.find("removed 2 chunk(s) of 1 completed job(s)"), std::string::npos) << shorter.output;
  EXPECT_EQ(batches(kNewDone), 0u);
  EXPECT_FALSE(state(kNewDone).has_value());
  expect_untouched({kOldDead, kRunning});
}

TEST_F(ChunksCommand, ExpireHonoursTheConfiguredRetention) {
  const auto run = chunks({"expire"}, {"chunk_store.retention=40d"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("removed 0 chunk(s) of 0 completed job(s)"), std::string::npos) << run.output;
  expect_untouched({kOldDone, kNewDone, kOldDead, kRunning});
}

TEST_F(ChunksCommand, DropRefusesJobsThatAreNotDeadLetteredAndRemovesNothing) {
  const auto completed = chunks({"drop", kNewDone.name()});
  EXPECT_EQ(completed.exit_code, 1) << completed.output;
  EXPECT_NE(completed.output.find("job " + kNewDone.name() + " completed at"), std::string::npos) << completed.output;
  EXPECT_NE(completed.output.find("Nothing was removed"), std::string::npos) << completed.output;

  const auto unmarked = chunks({"drop", kRunning.name()});
  EXPECT_EQ(unmarked.exit_code, 1) << unmarked.output;
  EXPECT_NE(unmarked.output.find("is not marked dead-lettered"), std::string::npos) << unmarked.output;
  expect_untouched({kOldDone, kNewDone, kOldDead, kRunning});
}

TEST_F(ChunksCommand, DropDryRunThenDropRemovesTheDeadLetteredJob) {
  const auto dry = chunks({"drop", "--dry-run", kOldDead.name()});
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("would remove 2 chunk(s) of " + kOldDead.name()), std::string::npos) << dry.output;
  expect_untouched({kOldDone, kNewDone, kOldDead, kRunning});

  const auto run = chunks({"drop", kOldDead.name()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("removed 2 chunk(s) of " + kOldDead.name()), std::string::npos) << run.output;
  EXPECT_EQ(batches(kOldDead), 0u);
  EXPECT_FALSE(state(kOldDead).has_value());
  expect_untouched({kOldDone, kNewDone, kRunning});
}

TEST_F(ChunksCommand, DropOfSeveralJobsDropsTheDeadLetteredOnesAndFailsForTheRest) {
  const auto run = chunks({"drop", kNewDone.name(), kOldDead.name()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("removed 2 chunk(s) of " + kOldDead.name()), std::string::npos) << run.output;
  EXPECT_EQ(batches(kOldDead), 0u);
  expect_untouched({kOldDone, kNewDone, kRunning});
}

TEST_F(ChunksCommand, BadArgumentsExitTwoWithAClearMessageAndRemoveNothing) {
  const auto duration = chunks({"expire", "--older-than", "soon"});
  EXPECT_EQ(duration.exit_code, 2) << duration.output;
  EXPECT_NE(duration.output.find("--older-than 'soon' is not a duration; write it like 7d"), std::string::npos)
      << duration.output;

  // A malformed job id among good ones: nothing is dropped, not even the good one.
  const auto job = chunks({"drop", kOldDead.name(), "acme/meetings"});
  EXPECT_EQ(job.exit_code, 2) << job.output;
  EXPECT_NE(job.output.find("'acme/meetings' is not a job; write it as org/dataset/run"), std::string::npos)
      << job.output;
  expect_untouched({kOldDone, kNewDone, kOldDead, kRunning});
}

}  // namespace
}  // namespace insights::testing
