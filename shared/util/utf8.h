#pragma once
#include <cstddef>
#include <string_view>

namespace insights {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view text);

// Length of the well-formed sequence starting at s[0] (a lead byte >= 0x80) within `available` bytes, or 0 when it
// is not well-formed there.
std::size_t utf8_sequence_length(const unsigned char* s, std::size_t available);

}  // namespace insights
