#include "producers/availability/ids.h"

#include <fmt/format.h>

namespace insights::availability {

std::string id_problem(std::string_view id, bool organisation) {
  constexpr std::size_t kMaxIdChars = 64;
  if (id.empty() || id.size() > kMaxIdChars) {
    return fmt::format("id '{}' must have 1 to {} characters", id, kMaxIdChars);
  }
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || (c == '.' && !organisation);
    if (!ok) {
      return fmt::format("id '{}' may only contain A-Z a-z 0-9 _ -{}", id, organisation ? "" : " .");
    }
  }
  return {};
}

}  // namespace insights::availability
