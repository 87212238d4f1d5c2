#pragma once
#include <chrono>
#include <span>
#include <spdlog/common.h>
#include <string>
#include <string_view>

#include "shared/log/field.h"

namespace insights::log {

// The event-specific part of a text line: msg job=... batch=3; values with spaces or quotes are quoted.
std::string text_body(std::string_view message, std::span<const Field> fields);

// 2026-11-24T23:30:00.123Z INFO <body>\n
std::string text_line(std::chrono::system_clock::time_point time, spdlog::level::level_enum level,
                      std::string_view body);

}  // namespace insights::log
