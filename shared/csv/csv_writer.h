#pragma once
#include <span>
#include <string>
#include <string_view>

namespace insights::csv {

// RFC 4180 field: quoted only when it contains a comma, a double quote, CR or LF; embedded quotes are doubled.
void append_field(std::string& out, std::string_view value);

// Fields joined by ',' and the row ended by '\n'. Appends to `out` so callers can reuse one buffer.
void append_row(std::string& out, std::span<const std::string_view> fields);

}  // namespace insights::csv
