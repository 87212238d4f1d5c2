#include "shared/util/periodic_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace insights {
namespace {

using namespace std::chrono_literals;

bool eventually(const std::atomic<int>& runs, int at_least) {
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (runs.load() < at_least && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  return runs.load() >= at_least;
}

TEST(PeriodicThread, FirstNowRunsAtOnceAndStopsWithoutWaitingOutThePeriod) {
  std::atomic<int> runs{0};
  {
    PeriodicThread thread(std::chrono::hours(1), PeriodicThread::First::now, [&] { ++runs; });
    EXPECT_TRUE(eventually(runs, 1));
  }  // an hour's wait would hold the test until ctest's timeout
  EXPECT_EQ(runs.load(), 1);
}

TEST(PeriodicThread, AfterAPeriodDoesNotRunBeforeThePeriod) {
  std::atomic<int> runs{0};
  { PeriodicThread thread(std::chrono::hours(1), PeriodicThread::First::after_a_period, [&] { ++runs; }); }
  EXPECT_EQ(runs.load(), 0);
}

TEST(PeriodicThread, RunsAgainEveryPeriod) {
  std::atomic<int> runs{0};
  PeriodicThread thread(1ms, PeriodicThread::First::after_a_period, [&] { ++runs; });
  EXPECT_TRUE(eventually(runs, 3));
}

TEST(PeriodicThread, DestructionWaitsForARunInProgress) {
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  {
    PeriodicThread thread(std::chrono::hours(1), PeriodicThread::First::now, [&] {
      started = true;
      std::this_thread::sleep_for(50ms);
      finished = true;
    });
    while (!started) std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(finished.load());
}

}  // namespace
}  // namespace insights
