#include "producers/meetings/iso_time.h"

#include <chrono>

#include <fmt/format.h>

#include "producers/synthetic/utc_time.h"
#include "shared/util/error.h"

namespace insights::meetings {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads `count` digits at `pos`; -1 when any of them is missing or not a digit.
int digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) {
    return -1;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) {
      return -1;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

[[noreturn]] void bad(std::string_view text, std::string_view why) {
  throw Error(fmt::format("'{}' is not an ISO-8601 time with offset ({}); write e.g. 2026-11-24T09:30:00+01:00 or "
                          "2026-11-24T08:30:00Z",
                          text, why));
}

bool separators_ok(std::string_view text) {
  return text.size() >= 19 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == 't') &&
         text[13] == ':' && text[16] == ':';
}

// Seconds east of UTC for the suffix after the seconds (and any fraction).
std::chrono::seconds parse_offset(std::string_view text, std::string_view suffix) {
  if (suffix == "Z" || suffix == "z") {
    return std::chrono::seconds{0};
  }
  if (suffix.empty()) {
    bad(text, "no UTC offset");
  }
  if (suffix[0] != '+' && suffix[0] != '-') {
    bad(text, "unexpected text after the seconds");
  }
  const int hours = digits(suffix, 1, 2);
  const bool colon = suffix.size() == 6 && suffix[3] == ':';
  const int minutes = digits(suffix, colon ? 4 : 3, 2);
  if (hours < 0 || minutes < 0 || suffix.size() != (colon ? 6U : 5U) || hours > 18 || minutes > 59) {
    bad(text, "malformed UTC offset");
  }
  const std::chrono::seconds magnitude = std::chrono::hours{hours} + std::chrono::minutes{minutes};
  return suffix[0] == '-' ? -magnitude : magnitude;
}

}  // namespace

UtcSeconds parse_iso_time(std::string_view text) {
  if (!separators_ok(text)) {
    bad(text, "expected YYYY-MM-DDTHH:MM:SS");
  }
  const int year = digits(text, 0, 4);
  const int month = digits(text, 5, 2);
  const int day = digits(text, 8, 2);
  const int hour = digits(text, 11, 2);
  const int minute = digits(text, 14, 2);
  const int second = digits(text, 17, 2);
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || !ymd.ok() || hour > 23 ||
      minute > 59 || second > 59) {
    bad(text, "no such date or time of day");
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const auto first_digit = pos;
    while (pos < text.size() && is_digit(text[pos])) {
      ++pos;
    }
    if (pos == first_digit) {
      bad(text, "empty fraction of a second");
    }
  }
  const auto offset = parse_offset(text, text.substr(pos));
  const auto local = date::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
                     std::chrono::seconds{second};
  return local - offset;
}

bool is_canonical_utc(std::string_view text) {
  if (text.size() != 20 || text.back() != 'Z') {
    return false;
  }
  try {
    return synthetic::as_view(synthetic::format_utc_timestamp(parse_iso_time(text))) == text;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace insights::meetings
