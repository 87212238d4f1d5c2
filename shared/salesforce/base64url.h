#pragma once
#include <string>
#include <string_view>

namespace insights::salesforce {

// base64url without padding (RFC 4648 section 5, RFC 7515 section 2), as every JWT segment is encoded.
std::string base64url_encode(std::string_view bytes);

}  // namespace insights::salesforce
