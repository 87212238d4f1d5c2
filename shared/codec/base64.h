#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace insights::codec {

// Standard alphabet (RFC 4648 section 4) with '=' padding.
std::string base64_encode(std::string_view bytes);
// The same, written at `to`, which must have room for base64_size(bytes.size()); returns the end.
char* base64_encode_to(char* to, std::string_view bytes);
constexpr std::size_t base64_size(std::size_t bytes) { return (bytes + 2) / 3 * 4; }

// Strict: the length must be a multiple of 4, only alphabet characters and trailing padding are accepted
// (no whitespace or line breaks). Returns nullopt on any invalid input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace insights::codec
