#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace insights::emulator {

// Offset of the first byte that breaks UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

// The first max_chars code points of valid UTF-8 text.
std::string utf8_prefix(std::string_view text, std::size_t max_chars);

}  // namespace insights::emulator
