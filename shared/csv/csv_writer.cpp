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

void append_quoted(std::string& out, std::string_view value) {
  out.push_back('"');
  const char* p = value.data();
  const char* const end = p + value.size();
  while (p < end) {
    const auto* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
    if (quote == nullptr) {
      out.append(p, end);
      break;
    }
    out.append(p, quote + 1);
    out.push_back('"');
    p = quote + 1;
  }
  out.push_back('"');
}

void append_field(std::string& out, std::string_view value) {
  if (needs_quotes(value)) {
    append_quoted(out, value);
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
