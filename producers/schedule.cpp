#include "producers/schedule.h"

#include <fmt/format.h>

#include <charconv>

#include "shared/util/error.h"

namespace insights::producers {
namespace {

int two_digits(std::string_view text) {
  int value = -1;
  if (text.size() != 2) return -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + 2, value);
  return ec == std::errc() && end == text.data() + 2 ? value : -1;
}

}  // namespace

DailyTime parse_daily_time(std::string_view text) {
  const int hour = text.size() == 5 && text[2] == ':' ? two_digits(text.substr(0, 2)) : -1;
  const int minute = text.size() == 5 ? two_digits(text.substr(3, 2)) : -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    throw Error(fmt::format("schedule time '{}' is not HH:MM in UTC (00:00 to 23:59), e.g. 23:30", text));
  }
  return {hour, minute};
}

std::string format_daily_time(const DailyTime& at) { return fmt::format("{:02}:{:02}", at.hour, at.minute); }

std::chrono::system_clock::time_point next_run(std::chrono::system_clock::time_point now, const DailyTime& at) {
  using namespace std::chrono;
  const auto midnight = floor<days>(now);
  const auto today = midnight + hours(at.hour) + minutes(at.minute);
  return today > now ? time_point_cast<system_clock::duration>(today)
                     : time_point_cast<system_clock::duration>(today + days(1));
}

std::chrono::system_clock::time_point retry_run(std::chrono::system_clock::time_point failed_at,
                                                std::chrono::milliseconds retry_delay, const DailyTime& at) {
  const auto scheduled = next_run(failed_at, at);
  if (retry_delay.count() <= 0) return scheduled;
  const auto retry = failed_at + retry_delay;
  return retry < scheduled ? retry : scheduled;
}

std::string utc_iso8601(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss time{floor<seconds>(t - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

}  // namespace insights::producers
