#pragma once
#include <string>
#include <string_view>

namespace insights::emulator {

// Whether the bytes start with the gzip magic number.
bool looks_like_gzip(std::string_view bytes);

// Decodes a gzip stream that must be exactly one member (the strict reading of §7). Throws insights::Error
// when the data is corrupt, truncated, followed by other bytes, or holds a second member. With
// first_member_only the bytes after the first member are ignored, as a lenient server would.
std::string gunzip_single_member(std::string_view bytes, bool first_member_only);

}  // namespace insights::emulator
