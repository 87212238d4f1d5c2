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

// Writes `value` quoted with embedded quotes doubled at `to`, which must have room for 2 * size + 2 bytes; returns
// the end. For callers that already scanned the value for kQuoteBytes and write into reserved space.
char* write_quoted(char* to, std::string_view value);

// Fields joined by ',' and the row ended by '\n'. Appends to `out` so callers can reuse one buffer.
void append_row(std::string& out, std::span<const std::string_view> fields);

}  // namespace insights::csv
