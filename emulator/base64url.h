#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace insights::emulator {

// Unpadded base64url (RFC 4648 §5), as JWTs use it. Decoding returns nullopt for invalid text.
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

}  // namespace insights::emulator
