#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace insights::emulator {

// A UTC instant the way REST record bodies show datetimes: 2024-05-01T10:00:00.000+0000.
std::string salesforce_datetime(std::chrono::system_clock::time_point instant);

// A SOQL datetime literal at the start of `text` (2026-11-23T22:00:00Z, with optional .SSS fraction and a
// Z or ±hh:mm offset): the instant and the characters it took; nullopt when `text` starts with none.
struct SoqlDatetime {
  std::chrono::system_clock::time_point instant;
  std::size_t length = 0;
};
std::optional<SoqlDatetime> read_soql_datetime(std::string_view text);

// The server's clock; tests inject their own.
using NowFunction = std::function<std::chrono::system_clock::time_point()>;
NowFunction system_now();

}  // namespace insights::emulator
