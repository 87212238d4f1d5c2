#include "emulator/salesforce_time.h"

#include <ctime>

#include <fmt/format.h>

namespace insights::emulator {

std::string salesforce_datetime(std::chrono::system_clock::time_point instant) {
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(instant);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(instant - seconds).count();
  const std::time_t time = std::chrono::system_clock::to_time_t(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

}  // namespace insights::emulator
