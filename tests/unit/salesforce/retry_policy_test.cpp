#include "shared/salesforce/retry_policy.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace insights::salesforce {
namespace {

using std::chrono::milliseconds;

TEST(BackoffBound, DoublesFromBaseUntilTheCap) {
  const RetryPolicy policy{8, milliseconds(200), milliseconds(30'000), milliseconds(600'000)};
  EXPECT_EQ(backoff_bound(policy, 0), milliseconds(200));
  EXPECT_EQ(backoff_bound(policy, 1), milliseconds(400));
  EXPECT_EQ(backoff_bound(policy, 5), milliseconds(6'400));
  EXPECT_EQ(backoff_bound(policy, 7), milliseconds(25'600));
  EXPECT_EQ(backoff_bound(policy, 8), milliseconds(30'000));
}

TEST(BackoffBound, HugeRetryNumbersStayAtTheCapWithoutOverflow) {
  const RetryPolicy policy{8, milliseconds(200), milliseconds(30'000), milliseconds(600'000)};
  EXPECT_EQ(backoff_bound(policy, 64), milliseconds(30'000));
  EXPECT_EQ(backoff_bound(policy, 1'000'000), milliseconds(30'000));
}

TEST(BackoffBound, BaseAboveCapIsClampedToCap) {
  const RetryPolicy policy{8, milliseconds(5'000), milliseconds(1'000), milliseconds(600'000)};
  EXPECT_EQ(backoff_bound(policy, 0), milliseconds(1'000));
}

TEST(FullJitter, StaysWithinZeroAndTheBoundForEveryRetryNumber) {
  const RetryPolicy policy{8, milliseconds(100), milliseconds(5'000), milliseconds(600'000)};
  std::mt19937_64 random(42);
  for (int retry = 0; retry < 12; ++retry) {
    const milliseconds bound = std::min<milliseconds>(policy.cap, policy.base * (1LL << retry));
    milliseconds highest{0};
    milliseconds lowest = bound;
    for (int sample = 0; sample < 2'000; ++sample) {
      const auto delay = full_jitter_delay(policy, retry, random);
      ASSERT_GE(delay, milliseconds(0));
      ASSERT_LE(delay, bound) << "retry " << retry;
      highest = std::max(highest, delay);
      lowest = std::min(lowest, delay);
    }
    // Full jitter spreads over the whole range, not just near the bound or near zero.
    EXPECT_GT(highest, bound * 9 / 10) << "retry " << retry;
    EXPECT_LT(lowest, bound / 10 + milliseconds(1)) << "retry " << retry;
  }
}

}  // namespace
}  // namespace insights::salesforce
