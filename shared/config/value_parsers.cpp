#include "shared/config/value_parsers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace insights::config {

namespace {

template <class T>
std::optional<T> parse_number(std::string_view text) {
  // from_chars refuses a leading '+', which people do write in environment variables.
  if (text.starts_with('+') && text.size() > 1 && text[1] != '-') text.remove_prefix(1);
  T value{};
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Milliseconds per unit; "ms" precedes "m" so the longest unit wins.
constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> kUnits = {{
    {"ms", 1},
    {"s", 1000},
    {"m", 60 * 1000},
    {"h", 60 * 60 * 1000},
    {"d", 24 * 60 * 60 * 1000},
}};

std::optional<std::int64_t> unit_millis(std::string_view& rest) {
  for (const auto& [name, millis] : kUnits) {
    if (rest.starts_with(name)) {
      rest.remove_prefix(name.size());
      return millis;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> parse_int(std::string_view text) { return parse_number<std::int64_t>(text); }

std::optional<double> parse_double(std::string_view text) {
  const auto value = parse_number<double>(text);
  if (!value || !std::isfinite(*value)) return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string t = lower(text);
  if (t == "true" || t == "1" || t == "yes") return true;
  if (t == "false" || t == "0" || t == "no") return false;
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text == "0") return std::chrono::milliseconds{0};
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    std::uint64_t amount = 0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), amount);
    if (ec != std::errc{} || ptr == rest.data()) return std::nullopt;
    rest.remove_prefix(static_cast<std::size_t>(ptr - rest.data()));
    const auto millis = unit_millis(rest);
    if (!millis) return std::nullopt;
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    if (amount > static_cast<std::uint64_t>(kMax / *millis)) return std::nullopt;
    const auto part = static_cast<std::int64_t>(amount) * *millis;
    if (total > kMax - part) return std::nullopt;
    total += part;
  }
  return std::chrono::milliseconds{total};
}

}  // namespace insights::config
