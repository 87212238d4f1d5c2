#include "shared/log/text_line.h"

#include <algorithm>
#include <fmt/format.h>

#include "shared/log/level_names.h"
#include "shared/log/timestamp.h"
#include "shared/log/utf8.h"

namespace insights::log {

namespace {

// Control characters would break "one line per event"; show them escaped.
void append_escaped(std::string& out, std::string_view text, bool quoted) {
  for (const char c : valid_utf8(text)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else if (quoted && (c == '"' || c == '\\')) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
}

bool needs_quotes(std::string_view value) {
  return value.empty() || std::any_of(value.begin(), value.end(), [](char c) {
           return c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
         });
}

}  // namespace

std::string text_body(std::string_view message, std::span<const Field> fields) {
  std::string out;
  append_escaped(out, message, false);
  for (const auto& f : fields) {
    out += ' ';
    append_escaped(out, f.key, false);
    out += '=';
    const bool quoted = needs_quotes(f.value);
    if (quoted) out += '"';
    append_escaped(out, f.value, quoted);
    if (quoted) out += '"';
  }
  return out;
}

std::string text_line(std::chrono::system_clock::time_point time, spdlog::level::level_enum level,
                      std::string_view body) {
  return fmt::format("{} {} {}\n", utc_timestamp(time), text_level_name(level), body);
}

}  // namespace insights::log
