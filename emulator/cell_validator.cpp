#include "emulator/cell_validator.h"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "emulator/date_format.h"
#include "emulator/utf8.h"

namespace insights::emulator {

namespace {

constexpr std::uint64_t kMaxMagnitude = 36'028'797'018'963'967ULL;  // 2^55 - 1

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> check_numeric(const FieldSpec& field, std::string& value) {
  if (value.empty()) {
    value = field.default_value;
    return std::nullopt;
  }
  std::string_view text = value;
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  const auto point = text.find('.');
  auto whole = text.substr(0, point);
  const auto fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (!all_digits(whole) || (point != std::string_view::npos && !all_digits(fraction))) {
    return fmt::format("{}: \"{}\" is not a plain number (digits, optional '-' and '.')", field.name, value);
  }
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  if (fraction.size() > static_cast<std::size_t>(field.scale)) {
    return fmt::format("{}: \"{}\" has more than {} digits after the point", field.name, value, field.scale);
  }
  const auto whole_digits = whole == "0" ? 0 : whole.size();
  if (whole_digits > static_cast<std::size_t>(field.precision - field.scale)) {
    return fmt::format("{}: \"{}\" needs more than precision {} with scale {}", field.name, value, field.precision,
                       field.scale);
  }
  std::uint64_t magnitude = 0;
  for (const char c : whole) magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');
  if (magnitude > kMaxMagnitude + (negative ? 1 : 0)) {
    return fmt::format("{}: \"{}\" is outside the numeric range of +/-2^55", field.name, value);
  }
  return std::nullopt;
}

std::optional<std::string> check_text(const FieldSpec& field, std::string& value, std::size_t chars) {
  if (chars <= static_cast<std::size_t>(field.precision)) return std::nullopt;
  if (!field.can_truncate) {
    return fmt::format("{}: value longer than its precision {} and canTruncateValue is false", field.name,
                       field.precision);
  }
  value = utf8_prefix(value, static_cast<std::size_t>(field.precision));
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_cell(const FieldSpec& field, std::string& value) {
  if (field.type != FieldType::Date) return check_cell(field, value, utf8_length(value), nullptr);
  const DatePattern date(field.format);
  return check_cell(field, value, utf8_length(value), &date);
}

std::optional<std::string> check_cell(const FieldSpec& field, std::string& value, std::size_t chars,
                                      const DatePattern* date) {
  if (chars > kMaxValueChars) {
    return fmt::format("{}: value longer than {} characters", field.name, kMaxValueChars);
  }
  switch (field.type) {
    case FieldType::Numeric:
      return check_numeric(field, value);
    case FieldType::Date:
      if (value.empty() || (date != nullptr ? date->matches(value) : matches_date_format(value, field.format))) {
        return std::nullopt;
      }
      return fmt::format("{}: \"{}\" does not match the date format {}", field.name, value, field.format);
    case FieldType::Text:
      break;
  }
  return check_text(field, value, chars);
}

}  // namespace insights::emulator
