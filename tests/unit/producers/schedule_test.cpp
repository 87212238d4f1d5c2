#include "producers/schedule.h"

#include <gtest/gtest.h>

#include "shared/util/error.h"

namespace insights::producers {
namespace {

using namespace std::chrono;

system_clock::time_point at(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours(hh) + minutes(mm) + seconds(ss);
}

TEST(Schedule, ParsesHoursAndMinutes) {
  EXPECT_EQ(parse_daily_time("23:30"), (DailyTime{23, 30}));
  EXPECT_EQ(parse_daily_time("00:00"), (DailyTime{0, 0}));
  EXPECT_EQ(parse_daily_time("07:05"), (DailyTime{7, 5}));
  EXPECT_EQ(format_daily_time({7, 5}), "07:05");
}

TEST(Schedule, RefusesTimesThatAreNotHhMm) {
  for (const char* bad : {"24:00", "23:60", "7:05", "23.30", "23:3", "", "ab:cd", "23:30Z", "-1:30"}) {
    EXPECT_THROW(parse_daily_time(bad), Error) << bad;
  }
}

TEST(Schedule, NextRunIsLaterTodayBeforeTheSlot) {
  EXPECT_EQ(next_run(at(2026, 11, 24, 12, 0), {23, 30}), at(2026, 11, 24, 23, 30));
  EXPECT_EQ(next_run(at(2026, 11, 24, 23, 29, 59), {23, 30}), at(2026, 11, 24, 23, 30));
}

TEST(Schedule, NextRunIsTomorrowAtOrAfterTheSlot) {
  EXPECT_EQ(next_run(at(2026, 11, 24, 23, 30), {23, 30}), at(2026, 11, 25, 23, 30));
  EXPECT_EQ(next_run(at(2026, 11, 24, 23, 45), {23, 30}), at(2026, 11, 25, 23, 30));
  EXPECT_EQ(next_run(at(2026, 11, 25, 0, 10), {0, 5}), at(2026, 11, 26, 0, 5));
}

TEST(Schedule, NextRunRollsOverMonthsYearsAndLeapDays) {
  EXPECT_EQ(next_run(at(2026, 11, 30, 23, 31), {23, 30}), at(2026, 12, 1, 23, 30));
  EXPECT_EQ(next_run(at(2026, 12, 31, 23, 59), {23, 30}), at(2027, 1, 1, 23, 30));
  EXPECT_EQ(next_run(at(2028, 2, 28, 23, 40), {23, 30}), at(2028, 2, 29, 23, 30));
  EXPECT_EQ(next_run(at(2027, 2, 28, 23, 40), {23, 30}), at(2027, 3, 1, 23, 30));
}

TEST(Schedule, UtcHasNoDaylightSavingShift) {
  // The nights Europe and the US change their clocks are ordinary 24-hour days in UTC.
  EXPECT_EQ(next_run(at(2026, 3, 29, 0, 0), {23, 30}), at(2026, 3, 29, 23, 30));
  EXPECT_EQ(next_run(at(2026, 11, 1, 23, 30), {23, 30}) - at(2026, 11, 1, 23, 30), hours(24));
}

TEST(Schedule, RetryComesAfterTheDelayUnlessTheNextSlotIsSooner) {
  EXPECT_EQ(retry_run(at(2026, 11, 24, 23, 31), hours(1), {23, 30}), at(2026, 11, 25, 0, 31));
  EXPECT_EQ(retry_run(at(2026, 11, 25, 23, 0), hours(1), {23, 30}), at(2026, 11, 25, 23, 30));
  EXPECT_EQ(retry_run(at(2026, 11, 24, 23, 31), milliseconds(0), {23, 30}), at(2026, 11, 25, 23, 30));
}

TEST(Schedule, FormatsUtcInstants) {
  EXPECT_EQ(utc_iso8601(at(2026, 1, 2, 3, 4, 5) + milliseconds(999)), "2026-01-02T03:04:05Z");
}

}  // namespace
}  // namespace insights::producers
