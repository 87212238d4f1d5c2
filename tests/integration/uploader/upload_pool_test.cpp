// The upload pool: bounded, hands every outcome back (a thrown exception as a permanent failure), and its destructor
// waits for running uploads.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "workers/uploader/upload_pool.h"

namespace insights::uploader {
namespace {

std::vector<std::pair<std::uint64_t, UploadOutcome>> collect_all(UploadPool& pool, std::size_t count) {
  std::vector<std::pair<std::uint64_t, UploadOutcome>> all;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (all.size() < count && std::chrono::steady_clock::now() < deadline) {
    for (auto& done : pool.collect(std::chrono::milliseconds(100))) all.push_back(std::move(done));
  }
  return all;
}

TEST(UploadPool, IsBusyWhileEveryThreadHoldsAnUploadUntilItsOutcomeIsCollected) {
  UploadPool pool(2);
  std::atomic<bool> release{false};
  auto blocked = [&] {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return UploadOutcome{UploadOutcome::Kind::Done, {}, {}, {}};
  };
  EXPECT_TRUE(pool.has_idle_thread());
  pool.submit(1, blocked);
  EXPECT_TRUE(pool.has_idle_thread());
  pool.submit(2, blocked);
  EXPECT_FALSE(pool.has_idle_thread());
  EXPECT_TRUE(pool.collect(std::chrono::milliseconds(50)).empty());
  release = true;
  const auto done = collect_all(pool, 2);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_TRUE(pool.has_idle_thread());
  EXPECT_EQ(pool.outstanding(), 0u);
}

TEST(UploadPool, AnUnexpectedExceptionComesBackAsAPermanentFailure) {
  UploadPool pool(1);
  pool.submit(7, []() -> UploadOutcome { throw std::runtime_error("disk on fire"); });
  const auto done = collect_all(pool, 1);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].first, 7u);
  EXPECT_EQ(done[0].second.kind, UploadOutcome::Kind::Permanent);
  EXPECT_EQ(done[0].second.error, "disk on fire");
}

TEST(UploadPool, DestructorWaitsForARunningUpload) {
  std::atomic<bool> finished{false};
  {
    UploadPool pool(1);
    pool.submit(1, [&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      finished = true;
      return UploadOutcome{};
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let it start
  }
  EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace insights::uploader
