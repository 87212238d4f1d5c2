#pragma once
#include <array>
#include <span>
#include <string>
#include <string_view>

namespace insights::csv {

// The bytes that force a field to be quoted: comma, double quote, CR and LF (a table, for per-byte scans).
inline constexpr std::array<bool, 256> kQuoteBytes = [] {
  std::array<bool, 256> table{};
  table[static_cast<unsigned char>(',')] = true;
  table[static_cast<unsigned char>('"')] = true;
  table[static_cast<unsigned char>('\r')] = true;
  table[static_cast<unsigned char>('\n')] = true;
  return table;
}();

// RFC 4180 field: quoted only when it contains a comma, a double quote, CR or LF; embedded quotes are doubled.
void append_field(std::string& out, std::string_view value);

// Appends `value` quoted with embedded quotes doubled, for callers that already scanned it for kQuoteBytes.
void append_quoted(std::string& out, std::string_view value);

// Fields joined by ',' and the row ended by '\n'. Appends to `out` so callers can reuse one buffer.
void append_row(std::string& out, std::span<const std::string_view> fields);

}  // namespace insights::csv
