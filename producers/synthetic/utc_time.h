#pragma once
#include <array>
#include <chrono>
#include <string_view>

#include <date/date.h>

namespace insights::synthetic {

using UtcSeconds = date::sys_seconds;

// "YYYY-MM-DDTHH:MM:SSZ" without its terminating zero; a fixed array so that formatting never allocates.
using TimestampText = std::array<char, 20>;

// Strict parsers: the exact shapes "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DD". `what` names the option in the error.
UtcSeconds parse_utc_timestamp(std::string_view text, std::string_view what);
date::sys_days parse_utc_date(std::string_view text, std::string_view what);

TimestampText format_utc_timestamp(UtcSeconds time);

inline std::string_view as_view(const TimestampText& text) { return {text.data(), text.size()}; }

}  // namespace insights::synthetic
