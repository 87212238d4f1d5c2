#include "workers/uploader/parallel_part_uploader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "shared/util/error.h"

namespace insights::uploader {
namespace {

TEST(ParallelPartUploader, UploadsEveryPartOnceWithAtMostParallelismHeld) {
  std::mutex mutex;
  std::map<int, std::string> uploaded;
  std::atomic<int> in_flight{0};
  std::atomic<int> most_in_flight{0};
  {
    ParallelPartUploader parts(3, [&](int number, std::string_view bytes) {
      const int now = ++in_flight;
      int seen = most_in_flight.load();
      while (now > seen && !most_in_flight.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      {
        std::lock_guard lock(mutex);
        uploaded.emplace(number, std::string(bytes));
      }
      --in_flight;
    });
    for (int n = 1; n <= 40; ++n) parts.submit(n, std::string(10, static_cast<char>('a' + n % 26)));
    parts.finish();
  }
  ASSERT_EQ(uploaded.size(), 40u);
  for (int n = 1; n <= 40; ++n) EXPECT_EQ(uploaded[n], std::string(10, static_cast<char>('a' + n % 26)));
  EXPECT_LE(most_in_flight.load(), 3);
  EXPECT_GE(most_in_flight.load(), 2);  // they did overlap
}

TEST(ParallelPartUploader, FirstFailureStopsTheRestAndIsRethrown) {
  std::atomic<int> calls{0};
  ParallelPartUploader parts(2, [&](int number, std::string_view) {
    ++calls;
    if (number == 3) throw Error("part 3 refused");
  });
  bool thrown = false;
  try {
    for (int n = 1; n <= 100; ++n) parts.submit(n, "x");
    parts.finish();
  } catch (const Error& e) {
    thrown = true;
    EXPECT_STREQ(e.what(), "part 3 refused");
  }
  EXPECT_TRUE(thrown);
  EXPECT_LT(calls.load(), 100);
}

TEST(ParallelPartUploader, OneThreadKeepsOrder) {
  std::vector<int> order;
  ParallelPartUploader parts(1, [&](int number, std::string_view) { order.push_back(number); });
  for (int n = 1; n <= 10; ++n) parts.submit(n, "x");
  parts.finish();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

}  // namespace
}  // namespace insights::uploader
