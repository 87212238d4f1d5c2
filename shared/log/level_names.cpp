#include "shared/log/level_names.h"

#include <array>
#include <fmt/format.h>
#include <utility>

#include "shared/util/error.h"

namespace insights::log {

namespace {

struct LevelName {
  spdlog::level::level_enum level;
  std::string_view json;
  std::string_view text;
};

constexpr std::array<LevelName, 6> kLevels = {{
    {spdlog::level::trace, "trace", "TRACE"},
    {spdlog::level::debug, "debug", "DEBUG"},
    {spdlog::level::info, "info", "INFO"},
    {spdlog::level::warn, "warn", "WARN"},
    {spdlog::level::err, "error", "ERROR"},
    // Not selectable as a threshold, but spdlog callers can log at it.
    {spdlog::level::critical, "critical", "CRIT"},
}};

const LevelName& find(spdlog::level::level_enum level) {
  for (const auto& entry : kLevels) {
    if (entry.level == level) return entry;
  }
  return kLevels.back();
}

}  // namespace

spdlog::level::level_enum parse_level(std::string_view name) {
  for (const auto& entry : kLevels) {
    if (entry.json == name && entry.level != spdlog::level::critical) return entry.level;
  }
  throw Error(fmt::format("log level '{}' is not one of trace, debug, info, warn, error; set log.level "
                          "(INSIGHTS_LOG_LEVEL) to one of them",
                          name));
}

std::string_view json_level_name(spdlog::level::level_enum level) { return find(level).json; }

std::string_view text_level_name(spdlog::level::level_enum level) { return find(level).text; }

}  // namespace insights::log
