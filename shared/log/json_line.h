#pragma once
#include <chrono>
#include <span>
#include <spdlog/common.h>
#include <string>
#include <string_view>

#include "shared/log/field.h"

namespace insights::log {

// The event-specific part of a JSON line: "msg":"...","job":"..." (no braces).
std::string json_body(std::string_view message, std::span<const Field> fields);

// {"ts":"...","level":"info",<body>}\n
std::string json_line(std::chrono::system_clock::time_point time, spdlog::level::level_enum level,
                      std::string_view body);

}  // namespace insights::log
