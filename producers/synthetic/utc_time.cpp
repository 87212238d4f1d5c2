#include "producers/synthetic/utc_time.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::synthetic {

namespace {

constexpr std::string_view kTimestampShape = "dddd-dd-ddTdd:dd:ddZ";
constexpr std::string_view kDateShape = "dddd-dd-dd";

bool matches_shape(std::string_view text, std::string_view shape) {
  if (text.size() != shape.size()) {
    return false;
  }
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) {
      return false;
    }
  }
  return true;
}

int digits_at(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

[[noreturn]] void throw_bad_time(std::string_view text, std::string_view what, std::string_view shape) {
  throw Error(fmt::format("synthetic generator: {} '{}' is not a valid UTC time; write it as {} (d = digit)", what,
                          text, shape));
}

// Only called after matches_shape, so the positions hold digits.
date::year_month_day date_part(std::string_view text) {
  return date::year{digits_at(text, 0, 4)} / date::month{static_cast<unsigned>(digits_at(text, 5, 2))} /
         date::day{static_cast<unsigned>(digits_at(text, 8, 2))};
}

void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

UtcSeconds parse_utc_timestamp(std::string_view text, std::string_view what) {
  if (!matches_shape(text, kTimestampShape)) {
    throw_bad_time(text, what, kTimestampShape);
  }
  const auto ymd = date_part(text);
  const int hours = digits_at(text, 11, 2);
  const int minutes = digits_at(text, 14, 2);
  const int seconds = digits_at(text, 17, 2);
  if (!ymd.ok() || hours > 23 || minutes > 59 || seconds > 59) {
    throw_bad_time(text, what, kTimestampShape);
  }
  return date::sys_days{ymd} + std::chrono::hours{hours} + std::chrono::minutes{minutes} +
         std::chrono::seconds{seconds};
}

date::sys_days parse_utc_date(std::string_view text, std::string_view what) {
  if (!matches_shape(text, kDateShape) || !date_part(text).ok()) {
    throw_bad_time(text, what, kDateShape);
  }
  return date::sys_days{date_part(text)};
}

TimestampText format_utc_timestamp(UtcSeconds time) {
  const auto day = date::floor<date::days>(time);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> clock{time - day};
  TimestampText out{};
  put_digits(&out[0], static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
  out[4] = '-';
  put_digits(&out[5], static_cast<unsigned>(ymd.month()), 2);
  out[7] = '-';
  put_digits(&out[8], static_cast<unsigned>(ymd.day()), 2);
  out[10] = 'T';
  put_digits(&out[11], static_cast<unsigned>(clock.hours().count()), 2);
  out[13] = ':';
  put_digits(&out[14], static_cast<unsigned>(clock.minutes().count()), 2);
  out[16] = ':';
  put_digits(&out[17], static_cast<unsigned>(clock.seconds().count()), 2);
  out[19] = 'Z';
  return out;
}

}  // namespace insights::synthetic
