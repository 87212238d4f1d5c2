#include "shared/csv/csv_writer.h"

#include <cstring>

namespace insights::csv {
namespace {

bool needs_quotes(std::string_view value) {
  for (const char c : value) {
    if (kQuoteBytes[static_cast<unsigned char>(c)]) return true;
  }
  return false;
}

}  // namespace

char* write_quoted(char* to, std::string_view value) {
  *to++ = '"';
  const char* p = value.data();
  const char* const end = p + value.size();
  while (p < end) {
    const auto* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
    const char* const stop = quote == nullptr ? end : quote + 1;
    std::memcpy(to, p, static_cast<std::size_t>(stop - p));
    to += stop - p;
    if (quote != nullptr) *to++ = '"';
    p = stop;
  }
  *to++ = '"';
  return to;
}

void append_field(std::string& out, std::string_view value) {
  if (needs_quotes(value)) {
    const std::size_t start = out.size();
    out.resize(start + 2 * value.size() + 2);
    out.resize(static_cast<std::size_t>(write_quoted(out.data() + start, value) - out.data()));
  } else {
    out.append(value);
  }
}

void append_row(std::string& out, std::span<const std::string_view> fields) {
  std::size_t needed = fields.size() + 1;
  for (const std::string_view field : fields) needed += field.size();
  // libstdc++ still grows geometrically when reserve asks for a little more than the capacity.
  out.reserve(out.size() + needed + 8);
  bool first = true;
  for (const std::string_view field : fields) {
    if (!first) out.push_back(',');
    first = false;
    append_field(out, field);
  }
  out.push_back('\n');
}

}  // namespace insights::csv
