#include "shared/salesforce/retry_loop.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace insights::salesforce {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

// A fake clock that advances only when the loop sleeps, and a "uniform" draw that always takes the upper bound,
// so the delays the loop asks for are the bounds themselves.
class FakeTime {
 public:
  RetryHooks hooks() {
    RetryHooks hooks;
    hooks.sleep = [this](milliseconds delay) {
      sleeps.push_back(delay);
      now_ += delay;
    };
    hooks.now = [this] { return now_; };
    hooks.uniform = [this](milliseconds low, milliseconds high) {
      ranges.emplace_back(low, high);
      return high;
    };
    hooks.on_retry = [this](const RetryNotice& notice) { notices.emplace_back(notice.what); };
    return hooks;
  }

  std::vector<milliseconds> sleeps;
  std::vector<std::pair<milliseconds, milliseconds>> ranges;
  std::vector<std::string> notices;

 private:
  std::chrono::steady_clock::time_point now_{};
};

ApiError api_error(long status, std::string code, bool transient, std::optional<std::chrono::seconds> retry_after = {}) {
  return ApiError("call: " + std::to_string(status) + " " + code,
                  ApiErrorInfo{status, code, "message", {}, transient, retry_after});
}

const RetryPolicy kPolicy{5, milliseconds(100), milliseconds(1'000), milliseconds(60'000)};

TEST(RetryLoop, RetriesTransientFailuresWithGrowingJitterRanges) {
  FakeTime time;
  const RetryLoop loop(kPolicy, time.hooks());
  std::vector<int> attempts;
  const int result = loop.run("call", [&](int attempt) {
    attempts.push_back(attempt);
    if (attempt == 0) throw http::TransportError("connection refused");
    if (attempt == 1) throw api_error(503, "SERVER_UNAVAILABLE", true);
    return 7;
  });
  EXPECT_EQ(result, 7);
  EXPECT_EQ(attempts, (std::vector<int>{0, 1, 2}));
  ASSERT_EQ(time.ranges.size(), 2u);
  EXPECT_EQ(time.ranges[0], std::make_pair(milliseconds(0), milliseconds(100)));
  EXPECT_EQ(time.ranges[1], std::make_pair(milliseconds(0), milliseconds(200)));
  EXPECT_EQ(time.sleeps, (std::vector<milliseconds>{milliseconds(100), milliseconds(200)}));
  EXPECT_EQ(time.notices.size(), 2u);
}

TEST(RetryLoop, PermanentErrorsPropagateAtOnce) {
  FakeTime time;
  const RetryLoop loop(kPolicy, time.hooks());
  int calls = 0;
  EXPECT_THROW(loop.run("call",
                        [&](int) -> int {
                          ++calls;
                          throw api_error(400, "FIELD_INTEGRITY_EXCEPTION", false);
                        }),
               ApiError);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(time.sleeps.empty());
}

TEST(RetryLoop, OtherExceptionsAreNotRetried) {
  FakeTime time;
  const RetryLoop loop(kPolicy, time.hooks());
  int calls = 0;
  EXPECT_THROW(loop.run("call",
                        [&](int) -> int {
                          ++calls;
                          throw Error("unexpected response");
                        }),
               Error);
  EXPECT_EQ(calls, 1);
}

TEST(RetryLoop, GivesUpAfterMaxAttemptsKeepingTheErrorTransient) {
  FakeTime time;
  const RetryLoop loop(kPolicy, time.hooks());
  int calls = 0;
  try {
    loop.run("call", [&](int) -> int {
      ++calls;
      throw api_error(500, "UNKNOWN_EXCEPTION", true);
    });
    FAIL() << "expected ApiError";
  } catch (const ApiError& error) {
    EXPECT_TRUE(error.transient());
    EXPECT_EQ(error.http_status(), 500);
    EXPECT_THAT(error.what(), HasSubstr("gave up after 5 attempts"));
  }
  EXPECT_EQ(calls, kPolicy.max_attempts);
  EXPECT_EQ(time.sleeps.size(), 4u);
}

TEST(RetryLoop, TransportFailuresGiveUpAsTransportErrors) {
  FakeTime time;
  const RetryLoop loop(kPolicy, time.hooks());
  EXPECT_THROW(loop.run("call", [&](int) -> int { throw http::TransportError("timeout"); }), http::TransportError);
}

TEST(RetryLoop, HonoursRetryAfterInsteadOfJitter) {
  FakeTime time;
  const RetryLoop loop(kPolicy, time.hooks());
  loop.run("call", [&](int attempt) {
    if (attempt == 0) throw api_error(429, "", true, std::chrono::seconds(3));
    return 0;
  });
  EXPECT_EQ(time.sleeps, (std::vector<milliseconds>{milliseconds(3'000)}));
  EXPECT_TRUE(time.ranges.empty());
}

TEST(RetryLoop, RequestLimitExceededBacksOffInTheUpperHalfOfTheCap) {
  FakeTime time;
  const RetryLoop loop(kPolicy, time.hooks());
  loop.run("call", [&](int attempt) {
    if (attempt == 0) throw api_error(403, "REQUEST_LIMIT_EXCEEDED", true);
    return 0;
  });
  ASSERT_EQ(time.ranges.size(), 1u);
  EXPECT_EQ(time.ranges[0], std::make_pair(milliseconds(500), milliseconds(1'000)));
}

TEST(RetryLoop, StopsBeforeAWaitThatWouldPassTheDeadline) {
  FakeTime time;
  const RetryPolicy policy{100, milliseconds(100), milliseconds(1'000), milliseconds(2'400)};
  const RetryLoop loop(policy, time.hooks());
  int calls = 0;
  try {
    loop.run("call", [&](int) -> int {
      ++calls;
      throw http::TransportError("refused");
    });
    FAIL();
  } catch (const http::TransportError& error) {
    EXPECT_THAT(error.what(), HasSubstr("deadline"));
  }
  // Waits of 100, 200, 400 and 800 ms (1.5 s) fit in 2.4 s; the next 1,000 ms would end at 2.5 s.
  milliseconds slept{0};
  for (const auto delay : time.sleeps) slept += delay;
  EXPECT_LE(slept, policy.deadline);
  EXPECT_EQ(time.sleeps.size(), 4u);
  EXPECT_EQ(calls, 5);
}

}  // namespace
}  // namespace insights::salesforce
