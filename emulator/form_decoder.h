#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace insights::emulator {

// Decodes an application/x-www-form-urlencoded body ('+' is a space, %XX a byte). Returns nullopt for a
// malformed escape; a repeated name keeps its first value.
std::optional<std::map<std::string, std::string>> decode_form(std::string_view body);

}  // namespace insights::emulator
