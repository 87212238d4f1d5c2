// A replay that starts while a retention sweep is expiring the same job: the replay marks the job first, the sweep
// re-reads the mark right before removing, so one of them backs off instead of the replay losing its chunks.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <utility>

#include "shared/chunkstore/file_chunk_store.h"
#include "shared/chunkstore/retention.h"
#include "shared/util/error.h"
#include "shared/schema/manifest.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/replay/job_replay.h"

namespace insights::testing {
namespace {

using chunkstore::ChunkId;
using chunkstore::Clock;
using chunkstore::JobPath;
using chunkstore::JobState;
using namespace std::chrono_literals;

// A file store that runs `hook` once, the first time the sweep lists the job's batches: that is between the sweep
// reading the job's mark and removing its chunks, where a concurrent replay would land.
class InterruptedStore : public chunkstore::ChunkStore {
 public:
  explicit InterruptedStore(std::filesystem::path root) : inner_(std::move(root)) {}
  mutable std::function<void()> hook;  // mutable: fired from the const listing

  std::string name(const ChunkId& id) const override { return inner_.name(id); }
  std::unique_ptr<chunkstore::ChunkWriter> create(const ChunkId& id) override { return inner_.create(id); }
  std::optional<chunkstore::ChunkMeta> find(const ChunkId& id) const override { return inner_.find(id); }
  std::unique_ptr<chunkstore::ChunkReader> open(const ChunkId& id) const override { return inner_.open(id); }
  void verify(const ChunkId& id, const chunkstore::ChunkMeta& expected) const override { inner_.verify(id, expected); }
  void remove(const ChunkId& id) override { inner_.remove(id); }
  std::vector<JobPath> list_jobs() const override { return inner_.list_jobs(); }
  std::vector<std::uint32_t> list_batches(const JobPath& job) const override {
    if (hook) std::exchange(hook, nullptr)();
    return inner_.list_batches(job);
  }
  std::optional<std::string> read_job_state(const JobPath& job) const override { return inner_.read_job_state(job); }
  void write_job_state(const JobPath& job, std::string_view document) override { inner_.write_job_state(job, document); }
  void remove_job_state(const JobPath& job) override { inner_.remove_job_state(job); }

 private:
  chunkstore::FileChunkStore inner_;
};

class ReplayDuringSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "insights-retention-race-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    store_ = std::make_unique<InterruptedStore>(dir_ / "chunks");
    staged_ = stage_job(*store_, {job_.org, job_.dataset, job_.run}, 40, 10);
    failed_.job = staged_.job.job;
    for (const auto& batch : staged_.batches) failed_.manifests.push_back(schema::encode_manifest(batch));
    failed_.manifests.push_back(schema::encode_manifest(staged_.job));
    // Completed long ago (so expirable) and still listed in the DLQ from an earlier failure.
    chunkstore::mark_job_completed(*store_, job_, Clock::now() - 24h * 10);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::optional<JobState> state() const {
    const auto record = chunkstore::read_job_state_record(*store_, job_);
    return record ? std::optional(record->state) : std::nullopt;
  }

  const JobPath job_{"acme", "meetings", "raced"};
  std::filesystem::path dir_;
  std::unique_ptr<InterruptedStore> store_;
  StagedJob staged_;
  replay::FailedJob failed_;
};

TEST_F(ReplayDuringSweep, ReplayClaimingTheJobMidSweepKeepsItsChunks) {
  replay::ReplayCheck check;
  store_->hook = [&] { check = replay::claim_job(failed_, *store_, Clock::now()); };
  const auto report = chunkstore::expire_completed_jobs(*store_, Clock::now(), 24h * 7, false);

  ASSERT_TRUE(check.replayable) << check.problem;
  EXPECT_TRUE(report.expired.empty());
  EXPECT_EQ(report.chunks_removed, 0u);
  EXPECT_EQ(report.replaying, (std::vector<JobPath>{job_}));
  EXPECT_EQ(store_->list_batches(job_).size(), staged_.batches.size());
  EXPECT_EQ(state(), JobState::Replaying);
  EXPECT_TRUE(replay::check_job(failed_, *store_).replayable);
}

TEST_F(ReplayDuringSweep, ReplayingJobIsKeptUntilTheUploaderMarksItCompletedAgain) {
  ASSERT_TRUE(replay::claim_job(failed_, *store_, Clock::now() - 24h * 30).replayable);
  auto report = chunkstore::expire_completed_jobs(*store_, Clock::now(), 1s, false);
  EXPECT_EQ(report.replaying, (std::vector<JobPath>{job_}));
  EXPECT_EQ(store_->list_batches(job_).size(), staged_.batches.size());

  chunkstore::mark_job_completed(*store_, job_, Clock::now() - 1h);
  report = chunkstore::expire_completed_jobs(*store_, Clock::now(), 1s, false);
  EXPECT_EQ(report.expired, (std::vector<JobPath>{job_}));
  EXPECT_TRUE(store_->list_batches(job_).empty());
  EXPECT_EQ(state(), std::nullopt);
}

TEST_F(ReplayDuringSweep, RefusedReplayPutsThePreviousMarkBack) {
  store_->remove(ChunkId{job_.org, job_.dataset, job_.run, 1});
  const auto check = replay::claim_job(failed_, *store_, Clock::now());
  EXPECT_FALSE(check.replayable);
  EXPECT_EQ(state(), JobState::Completed) << "a refused replay must leave the job expirable as before";
}

TEST_F(ReplayDuringSweep, DropRefusesAJobBeingReplayed) {
  chunkstore::mark_job_replaying(*store_, job_, Clock::now());
  try {
    chunkstore::drop_dead_lettered_job(*store_, job_, false);
    FAIL() << "dropped a job being replayed";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is being replayed"), std::string::npos) << e.what();
  }
  EXPECT_EQ(store_->list_batches(job_).size(), staged_.batches.size());
}

}  // namespace
}  // namespace insights::testing
