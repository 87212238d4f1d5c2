#include "emulator/date_format.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "emulator/name_rules.h"

namespace insights::emulator {

namespace {

constexpr std::array<std::string_view, 34> kSupportedFormats = {
    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "yy-MM-dd'T'HH:mm:ss.SSS'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'",
    "yy-MM-dd'T'HH:mm:ss'Z'",       "yyyy-MM-dd HH:mm:ss",        "yy-MM-dd HH:mm:ss",
    "dd.MM.yyyy HH:mm:ss",          "dd.MM.yy HH:mm:ss",          "dd/MM/yyyy HH:mm:ss",
    "dd/MM/yy HH:mm:ss",            "dd/MM/yyyy hh:mm:ss a",      "dd/MM/yy hh:mm:ss a",
    "dd-MM-yyyy HH:mm:ss",          "dd-MM-yy HH:mm:ss",          "dd-MM-yyyy hh:mm:ss a",
    "dd-MM-yy hh:mm:ss a",          "MM/dd/yyyy hh:mm:ss a",      "MM/dd/yy hh:mm:ss a",
    "MM-dd-yyyy hh:mm:ss a",        "MM-dd-yy hh:mm:ss a",        "HH:mm:ss dd/MM/yyyy",
    "HH:mm:ss dd/MM/yy",
    // The same dates without their time part.
    "yyyy-MM-dd", "yy-MM-dd", "dd.MM.yyyy", "dd.MM.yy", "dd/MM/yyyy", "dd/MM/yy", "dd-MM-yyyy", "dd-MM-yy",
    "MM/dd/yyyy", "MM/dd/yy", "MM-dd-yyyy", "MM-dd-yy"};

struct Fields {
  int year = 2000;
  int month = 1;
  int day = 1;
};

// Reads between min_digits and max_digits digits at `pos`.
std::optional<int> read_number(std::string_view value, std::size_t& pos, std::size_t min_digits,
                               std::size_t max_digits) {
  std::size_t count = 0;
  int number = 0;
  while (count < max_digits && pos + count < value.size() && value[pos + count] >= '0' && value[pos + count] <= '9') {
    number = number * 10 + (value[pos + count] - '0');
    ++count;
  }
  if (count < min_digits) return std::nullopt;
  pos += count;
  return number;
}

bool in_range(const std::optional<int>& number, int low, int high) {
  return number && *number >= low && *number <= high;
}

bool match_symbol(std::string_view symbol, std::string_view value, std::size_t& pos, Fields& fields) {
  const char letter = symbol.front();
  const std::size_t width = symbol.size();
  const std::size_t min_digits = width >= 2 ? width : 1;
  const std::size_t max_digits = width >= 2 ? width : 2;
  switch (letter) {
    case 'y': {
      if (width != 2 && width != 4) return false;
      const auto year = read_number(value, pos, width, width);
      if (!year) return false;
      fields.year = width == 2 ? 2000 + *year : *year;
      return true;
    }
    case 'M': {
      if (width > 2) return false;
      const auto month = read_number(value, pos, min_digits, max_digits);
      if (!in_range(month, 1, 12)) return false;
      fields.month = *month;
      return true;
    }
    case 'd': {
      if (width > 2) return false;
      const auto day = read_number(value, pos, min_digits, max_digits);
      if (!in_range(day, 1, 31)) return false;
      fields.day = *day;
      return true;
    }
    case 'H':
      return width <= 2 && in_range(read_number(value, pos, min_digits, max_digits), 0, 23);
    case 'h':
      return width <= 2 && in_range(read_number(value, pos, min_digits, max_digits), 1, 12);
    case 'm':
    case 's':
      return width <= 2 && in_range(read_number(value, pos, min_digits, max_digits), 0, 59);
    case 'S':
      return width == 3 && read_number(value, pos, 3, 3).has_value();
    case 'a': {
      if (width != 1 || pos + 2 > value.size()) return false;
      const auto marker = value.substr(pos, 2);
      if (!iequals(marker, "AM") && !iequals(marker, "PM")) return false;
      pos += 2;
      return true;
    }
    default:
      return false;
  }
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

bool is_supported_date_format(std::string_view format) {
  return std::find(kSupportedFormats.begin(), kSupportedFormats.end(), format) != kSupportedFormats.end();
}

DatePattern::DatePattern(std::string_view format) {
  const auto push = [&](Token token) {
    if (count_ == kMaxTokens) return false;
    tokens_[count_++] = token;
    return true;
  };
  for (std::size_t i = 0; i < format.size() && valid_;) {
    const char c = format[i];
    if (c == '\'') {
      const auto close = format.find('\'', i + 1);
      if (close == std::string_view::npos) {
        valid_ = false;
        break;
      }
      valid_ = push({true, close == i + 1 ? format.substr(i, 1) : format.substr(i + 1, close - i - 1)});
      i = close + 1;
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      auto end = i;
      while (end < format.size() && format[end] == c) ++end;
      valid_ = push({false, format.substr(i, end - i)});
      i = end;
    } else {
      valid_ = push({true, format.substr(i, 1)});
      ++i;
    }
  }
}

bool DatePattern::matches(std::string_view value) const {
  if (!valid_) return false;
  Fields fields;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    const Token& token = tokens_[i];
    if (token.literal) {
      if (value.substr(pos, token.text.size()) != token.text) return false;
      pos += token.text.size();
    } else if (!match_symbol(token.text, value, pos, fields)) {
      return false;
    }
  }
  return pos == value.size() && fields.day <= days_in_month(fields.year, fields.month);
}

bool matches_date_format(std::string_view value, std::string_view format) { return DatePattern(format).matches(value); }

}  // namespace insights::emulator
