#pragma once
#include <string_view>

namespace insights::log {

enum class Format { Json, Text };

// "json", "text", or "auto" (text when the output is a terminal); throws insights::Error otherwise.
Format parse_format(std::string_view name, bool output_is_terminal);

bool stderr_is_terminal();

}  // namespace insights::log
