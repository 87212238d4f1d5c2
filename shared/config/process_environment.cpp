#include <unistd.h>

#include "shared/config/config.h"

namespace insights::config {

std::map<std::string, std::string> Config::process_environment() {
  std::map<std::string, std::string> out;
  for (char** var = environ; var != nullptr && *var != nullptr; ++var) {
    const std::string_view entry(*var);
    const auto eq = entry.find('=');
    if (!entry.starts_with("INSIGHTS_") || eq == std::string_view::npos) continue;
    out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return out;
}

}  // namespace insights::config
