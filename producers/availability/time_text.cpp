#include "producers/availability/time_text.h"

#include <date/date.h>
#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::availability {

namespace {

constexpr int kMinutesPerDay = 1440;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads `width` digits at `pos`; -1 when any of them is not a digit.
int digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::uint16_t parse_clock(std::string_view text, std::string_view whole) {
  const int hours = digits(text, 0, 2);
  const int minutes = digits(text, 3, 2);
  if (text.size() != 5 || text[2] != ':' || hours < 0 || minutes < 0) {
    throw Error(fmt::format("'{}' is not a time range \"HH:MM-HH:MM\"", whole));
  }
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
    throw Error(fmt::format("'{}' has a time of day outside 00:00..24:00", whole));
  }
  return static_cast<std::uint16_t>(hours * 60 + minutes);
}

LocalDate parse_date_part(std::string_view text, std::string_view whole, std::string_view shape) {
  const int y = digits(text, 0, 4);
  const int m = digits(text, 5, 2);
  const int d = digits(text, 8, 2);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || y < 0 || m < 0 || d < 0) {
    throw Error(fmt::format("'{}' is not of the form \"{}\"", whole, shape));
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) throw Error(fmt::format("'{}' is not a calendar date", whole));
  return static_cast<LocalDate>(date::sys_days{ymd}.time_since_epoch().count());
}

}  // namespace

ClockRange parse_clock_range(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) throw Error(fmt::format("'{}' is not a time range \"HH:MM-HH:MM\"", text));
  const ClockRange range{parse_clock(text.substr(0, dash), text), parse_clock(text.substr(dash + 1), text)};
  if (range.to <= range.from) throw Error(fmt::format("time range '{}' ends before it starts", text));
  return range;
}

std::string format_clock_range(ClockRange range) {
  return fmt::format("{:02}:{:02}-{:02}:{:02}", range.from / 60, range.from % 60, range.to / 60, range.to % 60);
}

LocalDate parse_date(std::string_view text) { return parse_date_part(text, text, "YYYY-MM-DD"); }

std::string format_date(LocalDate date) {
  const date::year_month_day ymd{date::sys_days{date::days{date}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Moment parse_moment(std::string_view text, bool round_up) {
  constexpr std::string_view kShape = "YYYY-MM-DDTHH:MM, optionally :SS, Z for UTC";
  Moment moment;
  std::string_view rest = text;
  if (!rest.empty() && rest.back() == 'Z') {
    moment.utc = true;
    rest.remove_suffix(1);
  }
  if (rest.size() != 16 && rest.size() != 19) throw Error(fmt::format("'{}' is not of the form \"{}\"", text, kShape));
  const LocalDate day = parse_date_part(rest.substr(0, 10), text, kShape);
  const int hours = digits(rest, 11, 2);
  const int minutes = digits(rest, 14, 2);
  const int seconds = rest.size() == 19 ? digits(rest, 17, 2) : 0;
  if (rest[10] != 'T' || rest[13] != ':' || (rest.size() == 19 && rest[16] != ':') || hours < 0 || minutes < 0 ||
      seconds < 0) {
    throw Error(fmt::format("'{}' is not of the form \"{}\"", text, kShape));
  }
  if (hours > 23 || minutes > 59 || seconds > 59) throw Error(fmt::format("'{}' has a time of day out of range", text));
  moment.minutes = std::int64_t{day} * kMinutesPerDay + hours * 60 + minutes + (round_up && seconds > 0 ? 1 : 0);
  return moment;
}

std::string format_moment(Moment moment) {
  const auto day = static_cast<LocalDate>(moment.minutes >= 0 ? moment.minutes / kMinutesPerDay
                                                              : (moment.minutes - kMinutesPerDay + 1) / kMinutesPerDay);
  const auto minute_of_day = moment.minutes - std::int64_t{day} * kMinutesPerDay;
  return fmt::format("{}T{:02}:{:02}{}", format_date(day), minute_of_day / 60, minute_of_day % 60,
                     moment.utc ? ":00Z" : "");
}

std::string format_utc_minute(std::int64_t minutes) { return format_moment(Moment{minutes, true}); }

}  // namespace insights::availability
