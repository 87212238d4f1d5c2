// Chunk retention against each store implementation; time is passed in, never slept.
#include "shared/chunkstore/retention.h"
#include "shared/util/error.h"
#include "tests/unit/chunkstore/chunk_store_contract.h"

namespace insights::chunkstore::testing {
namespace {

using std::chrono::hours;
constexpr auto kDay = hours(24);
constexpr std::chrono::milliseconds kRetention = std::chrono::duration_cast<std::chrono::milliseconds>(7 * kDay);
const Clock::time_point t0 = Clock::time_point(std::chrono::seconds(1717243200));  // 2024-06-01T12:00:00Z

TEST_P(RetentionContract, CompletedJobExpiresOnlyAfterTheRetention) {
  put_job(a, 2);
  mark_job_completed(store(), a, t0);

  ExpiryReport early = expire_completed_jobs(store(), t0 + 7 * kDay - hours(1), kRetention, false);
  EXPECT_TRUE(early.expired.empty());
  EXPECT_EQ(store().list_batches(a).size(), 2u);

  ExpiryReport due = expire_completed_jobs(store(), t0 + 7 * kDay, kRetention, false);
  EXPECT_EQ(due.expired, (std::vector<JobPath>{a}));
  EXPECT_EQ(due.chunks_removed, 2u);
  EXPECT_TRUE(harness->objects().empty()) << ::testing::PrintToString(harness->objects());
}

TEST_P(RetentionContract, DryRunReportsButRemovesNothing) {
  put_job(a, 3);
  mark_job_completed(store(), a, t0);
  const auto before = harness->objects();
  ExpiryReport report = expire_completed_jobs(store(), t0 + 30 * kDay, kRetention, true);
  EXPECT_EQ(report.expired, (std::vector<JobPath>{a}));
  EXPECT_EQ(report.chunks_removed, 3u);
  EXPECT_EQ(harness->objects(), before);
}

TEST_P(RetentionContract, UnmarkedJobsAreNeverExpired) {
  put_job(a, 1);
  ExpiryReport report = expire_completed_jobs(store(), t0 + 3650 * kDay, kRetention, false);
  EXPECT_TRUE(report.expired.empty());
  EXPECT_EQ(store().list_batches(a).size(), 1u);
}

TEST_P(RetentionContract, DeadLetteredJobsAreKeptUntilDropped) {
  put_job(a, 2);
  put_job(b, 1);
  mark_job_dead_lettered(store(), a, t0);
  mark_job_completed(store(), b, t0);

  ExpiryReport report = expire_completed_jobs(store(), t0 + 365 * kDay, kRetention, false);
  EXPECT_EQ(report.expired, (std::vector<JobPath>{b}));
  EXPECT_EQ(report.dead_lettered, (std::vector<JobPath>{a}));
  EXPECT_EQ(store().list_batches(a).size(), 2u);

  EXPECT_EQ(drop_dead_lettered_job(store(), a, true), 2u);
  EXPECT_EQ(store().list_batches(a).size(), 2u);
  EXPECT_EQ(drop_dead_lettered_job(store(), a, false), 2u);
  EXPECT_TRUE(harness->objects().empty()) << ::testing::PrintToString(harness->objects());
}

TEST_P(RetentionContract, ReplayedJobThatCompletesExpiresNormally) {
  put_job(a, 1);
  mark_job_dead_lettered(store(), a, t0);
  const auto replayed = t0 + 10 * kDay;
  mark_job_completed(store(), a, replayed);
  EXPECT_TRUE(expire_completed_jobs(store(), replayed + 6 * kDay, kRetention, false).expired.empty());
  EXPECT_EQ(expire_completed_jobs(store(), replayed + 7 * kDay, kRetention, false).expired, (std::vector<JobPath>{a}));
  EXPECT_TRUE(store().list_jobs().empty());
}

TEST_P(RetentionContract, DropRefusesJobsThatAreNotDeadLettered) {
  put_job(a, 1);
  put_job(b, 1);
  mark_job_completed(store(), b, t0);
  const auto before = harness->objects();
  const std::string unmarked = error_of([&] { drop_dead_lettered_job(store(), a, false); });
  EXPECT_NE(unmarked.find("org-1/meetings/run_a is not marked dead-lettered"), std::string::npos) << unmarked;
  const std::string completed = error_of([&] { drop_dead_lettered_job(store(), b, false); });
  EXPECT_NE(completed.find("completed at 2024-06-01T12:00:00Z"), std::string::npos) << completed;
  EXPECT_EQ(harness->objects(), before);
}

TEST_P(RetentionContract, UnreadableStateIsReportedAndTheJobKept) {
  put_job(a, 1);
  store().write_job_state(a, "{\"state\":\"finished\"}");
  ExpiryReport report = expire_completed_jobs(store(), t0 + 365 * kDay, kRetention, false);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].find("org-1/meetings/run_a"), std::string::npos) << report.problems[0];
  EXPECT_EQ(store().list_batches(a).size(), 1u);
}

TEST_P(RetentionContract, ListingShowsStateAndBatchCount) {
  put_job(a, 2);
  put_job(b, 1);
  mark_job_dead_lettered(store(), b, t0);
  const auto jobs = list_jobs_with_state(store());
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].job, a);
  EXPECT_EQ(jobs[0].batches, 2u);
  EXPECT_FALSE(jobs[0].state.has_value());
  EXPECT_EQ(jobs[1].state, (JobStateRecord{JobState::DeadLettered, t0}));
}

}  // namespace
}  // namespace insights::chunkstore::testing
