#pragma once
#include <string>
#include <string_view>

namespace insights::http {

// Percent-encodes everything but RFC 3986 unreserved characters; safe for query values, path segments and form bodies.
std::string url_encode(std::string_view text);

}  // namespace insights::http
