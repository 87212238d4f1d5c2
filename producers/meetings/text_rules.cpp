#include "producers/meetings/text_rules.h"

namespace insights::meetings {

bool valid_org_id(std::string_view org) {
  if (org.empty() || org.size() > 64) {
    return false;
  }
  for (const char c : org) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::size_t utf8_chars(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    // Continuation bytes (10xxxxxx) do not start a code point.
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++count;
    }
  }
  return count;
}

}  // namespace insights::meetings
