#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace insights::config {

// Strict parsers for configuration values: the whole text must match, otherwise nullopt.
std::optional<std::int64_t> parse_int(std::string_view text);
std::optional<double> parse_double(std::string_view text);       // finite values only
std::optional<bool> parse_bool(std::string_view text);           // true/false/1/0/yes/no, any case
// "500ms", "30s", "5m", "2h", "7d", combinations such as "1h30m", and "0". Negative durations are refused.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace insights::config
