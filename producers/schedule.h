#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace insights::producers {

// A time of day in UTC at which the nightly producers run, e.g. 23:30.
struct DailyTime {
  int hour = 23;
  int minute = 30;
  bool operator==(const DailyTime&) const = default;
};

// Parses "HH:MM" (24-hour, UTC); throws insights::Error naming the expected form.
DailyTime parse_daily_time(std::string_view text);
std::string format_daily_time(const DailyTime& at);

// The first instant strictly after `now` whose UTC time of day is `at`: today when `now` is earlier, else tomorrow.
// UTC has no daylight-saving shifts, so every day has the slot exactly once.
std::chrono::system_clock::time_point next_run(std::chrono::system_clock::time_point now, const DailyTime& at);

// When a failed run is tried again: after `retry_delay` if that comes before the next scheduled run, else at the
// next scheduled run (a zero delay means: only at the next scheduled run).
std::chrono::system_clock::time_point retry_run(std::chrono::system_clock::time_point failed_at,
                                                std::chrono::milliseconds retry_delay, const DailyTime& at);

// "2026-11-24T23:30:00Z"
std::string utc_iso8601(std::chrono::system_clock::time_point t);

}  // namespace insights::producers
