#pragma once
#include <string>
#include <string_view>

namespace insights::log {

// The text with every invalid UTF-8 sequence replaced by U+FFFD, so that log lines stay valid JSON/UTF-8.
std::string valid_utf8(std::string_view text);

}  // namespace insights::log
