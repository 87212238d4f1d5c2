#include "emulator/salesforce_time.h"

#include <cctype>
#include <ctime>

#include <fmt/format.h>

namespace insights::emulator {

std::string salesforce_datetime(std::chrono::system_clock::time_point instant) {
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(instant);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(instant - seconds).count();
  const std::time_t time = std::chrono::system_clock::to_time_t(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

namespace {

// Digits at text[at, at+count) as a number; -1 when any is no digit or text is too short.
int digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool char_at(std::string_view text, std::size_t at, char expected) { return at < text.size() && text[at] == expected; }

}  // namespace

std::optional<SoqlDatetime> read_soql_datetime(std::string_view text) {
  using namespace std::chrono;
  const int year = digits(text, 0, 4);
  const int month = digits(text, 5, 2);
  const int day = digits(text, 8, 2);
  const int hour = digits(text, 11, 2);
  const int minute = digits(text, 14, 2);
  const int second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || !char_at(text, 4, '-') ||
      !char_at(text, 7, '-') || !char_at(text, 10, 'T') || !char_at(text, 13, ':') || !char_at(text, 16, ':')) {
    return std::nullopt;
  }
  const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  std::size_t at = 19;
  milliseconds fraction{0};
  if (char_at(text, at, '.')) {
    const int millis = digits(text, at + 1, 3);
    if (millis < 0) return std::nullopt;
    fraction = milliseconds(millis);
    at += 4;
  }
  minutes offset{0};
  if (char_at(text, at, 'Z')) {
    at += 1;
  } else if (char_at(text, at, '+') || char_at(text, at, '-')) {
    const int offset_hours = digits(text, at + 1, 2);
    const int offset_minutes = digits(text, at + 4, 2);
    if (offset_hours < 0 || offset_minutes < 0 || !char_at(text, at + 3, ':')) return std::nullopt;
    offset = minutes(offset_hours * 60 + offset_minutes) * (text[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return std::nullopt;
  }
  const auto local = sys_days(date) + hours(hour) + minutes(minute) + seconds(second) + fraction;
  return SoqlDatetime{time_point_cast<system_clock::duration>(local - offset), at};
}

NowFunction system_now() {
  return [] { return std::chrono::system_clock::now(); };
}

}  // namespace insights::emulator
