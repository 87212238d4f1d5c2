#include "producers/schedule_loop.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace insights::producers {
namespace {

using namespace std::chrono;

system_clock::time_point at(int y, unsigned m, unsigned d, int hh, int mm) {
  return sys_days{year{y} / month{m} / day{d}} + hours(hh) + minutes(mm);
}

// A clock that jumps to whatever the loop waits for, and asks it to stop once `waits` waits were served.
struct FakeTime {
  system_clock::time_point now;
  int waits_left;
  std::vector<system_clock::time_point> waited_for;
  ScheduleClock clock() {
    return {[this] { return now; },
            [this](system_clock::time_point until) {
              if (waits_left-- == 0) return true;
              waited_for.push_back(until);
              now = std::max(now, until);
              return false;
            }};
  }
};

double value_of(const std::string& text, const std::string& series) {
  const auto pos = text.find(series + " ");
  if (pos == std::string::npos) return -1;
  return std::stod(text.substr(pos + series.size() + 1));
}

TEST(ScheduleLoop, RunsOncePerDayAtTheSlot) {
  FakeTime time{at(2026, 11, 24, 12, 0), 3, {}};
  std::vector<system_clock::time_point> runs;
  run_schedule({{23, 30}, hours(1), "meetings"}, time.clock(), [&] {
    runs.push_back(time.now);
    time.now += minutes(20);  // the run takes a while
  }, nullptr);
  const std::vector<system_clock::time_point> expected{at(2026, 11, 24, 23, 30), at(2026, 11, 25, 23, 30),
                                                       at(2026, 11, 26, 23, 30)};
  EXPECT_EQ(runs, expected);
}

TEST(ScheduleLoop, FailedRunIsRetriedAfterTheDelayAndTheLoopGoesOn) {
  FakeTime time{at(2026, 11, 24, 23, 0), 4, {}};
  int calls = 0;
  metrics::Registry registry;
  run_schedule({{23, 30}, hours(1), "availability"}, time.clock(), [&] {
    time.now += minutes(5);
    if (++calls <= 2) throw std::runtime_error("broker down");
  }, &registry);
  ASSERT_EQ(time.waited_for.size(), 4u);
  EXPECT_EQ(time.waited_for[0], at(2026, 11, 24, 23, 30));
  EXPECT_EQ(time.waited_for[1], at(2026, 11, 25, 0, 35));   // 23:35 failure + 1 h
  EXPECT_EQ(time.waited_for[2], at(2026, 11, 25, 1, 40));   // second failure + 1 h
  EXPECT_EQ(time.waited_for[3], at(2026, 11, 25, 23, 30));  // back on the daily slot after a success
  const auto text = registry.render();
  EXPECT_EQ(value_of(text, R"(insights_producer_runs_total{dataset="availability",outcome="failed"})"), 2) << text;
  EXPECT_EQ(value_of(text, R"(insights_producer_runs_total{dataset="availability",outcome="completed"})"), 2) << text;
  EXPECT_EQ(value_of(text, R"(insights_producer_last_run_success{dataset="availability"})"), 1) << text;
  EXPECT_EQ(value_of(text, R"(insights_producer_next_run_timestamp_seconds{dataset="availability"})"),
            duration<double>(at(2026, 11, 26, 23, 30).time_since_epoch()).count())
      << text;
}

TEST(ScheduleLoop, RunLongerThanADaySkipsTheSlotsItOverran) {
  FakeTime time{at(2026, 11, 24, 23, 0), 2, {}};
  run_schedule({{23, 30}, hours(1), "meetings"}, time.clock(), [&] { time.now += hours(49); }, nullptr);
  ASSERT_EQ(time.waited_for.size(), 2u);
  EXPECT_EQ(time.waited_for[1], at(2026, 11, 27, 23, 30));  // ended 2026-11-27 00:30
}

TEST(ScheduleLoop, RunEndingBeforeItsSlotInstantDoesNotRepeatTheSlot) {
  // The wait may return a hair early; the next run must still be the next day's.
  FakeTime time{at(2026, 11, 24, 23, 0), 2, {}};
  ScheduleClock early = time.clock();
  auto wait = early.wait_until;
  early.wait_until = [&, wait](system_clock::time_point until) {
    const bool stop = wait(until);
    time.now = until - milliseconds(1);
    return stop;
  };
  int runs = 0;
  run_schedule({{23, 30}, hours(1), "meetings"}, early, [&] { ++runs; }, nullptr);
  ASSERT_EQ(time.waited_for.size(), 2u);
  EXPECT_EQ(time.waited_for[1], at(2026, 11, 25, 23, 30));
}

TEST(ScheduleLoop, StopWhileWaitingRunsNothing) {
  FakeTime time{at(2026, 11, 24, 12, 0), 0, {}};
  int runs = 0;
  run_schedule({{23, 30}, hours(1), "meetings"}, time.clock(), [&] { ++runs; }, nullptr);
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace insights::producers
