#include "shared/salesforce/token_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

namespace insights::salesforce {
namespace {

using namespace std::chrono_literals;

class CountingTokenSource : public TokenSource {
 public:
  explicit CountingTokenSource(std::atomic<int>& fetches) : fetches_(fetches) {}
  AccessToken fetch(http::HttpClient&) const override {
    const int number = ++fetches_;
    std::this_thread::sleep_for(5ms);  // widen the window in which other threads could start their own fetch
    return AccessToken{"token-" + std::to_string(number), "http://instance", 0};
  }

 private:
  std::atomic<int>& fetches_;
};

TEST(TokenCache, FetchesOnFirstUseOnly) {
  std::atomic<int> fetches{0};
  TokenCache cache(std::make_unique<CountingTokenSource>(fetches));
  http::HttpClient http(1s, 1s);
  const auto first = cache.current(http);
  const auto second = cache.current(http);
  EXPECT_EQ(first->value, "token-1");
  EXPECT_EQ(second.get(), first.get());
  EXPECT_EQ(fetches.load(), 1);
  EXPECT_EQ(cache.fetch_count(), 1);
}

TEST(TokenCache, ReplacingTheCurrentTokenFetchesANewerGeneration) {
  std::atomic<int> fetches{0};
  TokenCache cache(std::make_unique<CountingTokenSource>(fetches));
  http::HttpClient http(1s, 1s);
  const auto old_token = cache.current(http);
  const auto fresh = cache.replace(*old_token, http);
  EXPECT_EQ(fresh->value, "token-2");
  EXPECT_GT(fresh->generation, old_token->generation);
  EXPECT_EQ(cache.current(http).get(), fresh.get());
}

TEST(TokenCache, ARejectionOfAnOlderTokenReusesTheCurrentOne) {
  std::atomic<int> fetches{0};
  TokenCache cache(std::make_unique<CountingTokenSource>(fetches));
  http::HttpClient http(1s, 1s);
  const auto old_token = cache.current(http);
  const auto fresh = cache.replace(*old_token, http);
  const auto again = cache.replace(*old_token, http);  // a slower thread reporting the same expired token
  EXPECT_EQ(again.get(), fresh.get());
  EXPECT_EQ(fetches.load(), 2);
}

TEST(TokenCache, ConcurrentRejectionsOfOneTokenShareASingleFetch) {
  std::atomic<int> fetches{0};
  TokenCache cache(std::make_unique<CountingTokenSource>(fetches));
  http::HttpClient setup_http(1s, 1s);
  const auto expired = cache.current(setup_http);

  constexpr int kThreads = 8;
  std::barrier start(kThreads);
  std::vector<std::string> seen(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      http::HttpClient http(1s, 1s);
      start.arrive_and_wait();
      seen[static_cast<std::size_t>(i)] = cache.replace(*expired, http)->value;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(fetches.load(), 2);
  for (const auto& value : seen) EXPECT_EQ(value, "token-2");
}

}  // namespace
}  // namespace insights::salesforce
