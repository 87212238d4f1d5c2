#pragma once
#include <spdlog/common.h>
#include <string_view>

namespace insights::log {

// "trace".."error" -> spdlog level; throws insights::Error naming the accepted values otherwise.
spdlog::level::level_enum parse_level(std::string_view name);

std::string_view json_level_name(spdlog::level::level_enum level);  // "info"
std::string_view text_level_name(spdlog::level::level_enum level);  // "INFO"

}  // namespace insights::log
