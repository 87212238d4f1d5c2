#include "shared/salesforce/header_status.h"

#include <array>
#include <string>

namespace insights::salesforce {

bool is_terminal(std::string_view status) {
  static constexpr std::array<std::string_view, 4> kTerminal = {"Completed", "CompletedWithWarnings", "Failed",
                                                                "NotProcessed"};
  std::string compact;
  for (const char c : status) {
    if (c != ' ') {
      compact.push_back(c);
    }
  }
  for (const auto terminal : kTerminal) {
    if (compact == terminal) {
      return true;
    }
  }
  return false;
}

}  // namespace insights::salesforce
