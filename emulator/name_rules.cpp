#include "emulator/name_rules.h"

#include <algorithm>
#include <cctype>

namespace insights::emulator {

namespace {
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

bool is_valid_api_name(std::string_view name) {
  if (name.empty() || !is_letter(name.front()) || name.back() == '_') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_') {
      if (i + 1 < name.size() && name[i + 1] == '_') return false;
    } else if (!is_letter(c) && !is_digit(c)) {
      return false;
    }
  }
  return true;
}

bool is_valid_field_name(std::string_view name) {
  if (name.size() > 3 && name.ends_with("__c")) return is_valid_api_name(name.substr(0, name.size() - 3));
  return is_valid_api_name(name);
}

bool is_single_email_address(std::string_view text) {
  const auto at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
  const auto forbidden = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 || c == ',' || c == ';' || c == '<' || c == '>';
  };
  if (std::any_of(text.begin(), text.end(), forbidden)) return false;
  const auto domain = text.substr(at + 1);
  const auto dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace insights::emulator
