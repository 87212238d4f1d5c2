#pragma once
#include <chrono>
#include <string>

namespace insights::log {

// "2026-11-24T23:30:00.123Z": UTC, millisecond precision.
std::string utc_timestamp(std::chrono::system_clock::time_point time);

}  // namespace insights::log
