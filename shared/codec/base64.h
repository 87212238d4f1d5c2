#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace insights::codec {

// Standard alphabet (RFC 4648 section 4) with '=' padding.
std::string base64_encode(std::string_view bytes);

// Strict: the length must be a multiple of 4, only alphabet characters and trailing padding are accepted
// (no whitespace or line breaks). Returns nullopt on any invalid input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace insights::codec
