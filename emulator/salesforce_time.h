#pragma once
#include <chrono>
#include <string>

namespace insights::emulator {

// A UTC instant the way REST record bodies show datetimes: 2024-05-01T10:00:00.000+0000.
std::string salesforce_datetime(std::chrono::system_clock::time_point instant);

}  // namespace insights::emulator
