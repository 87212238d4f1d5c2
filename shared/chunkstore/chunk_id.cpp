#include "shared/chunkstore/chunk_id.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

constexpr std::size_t kMaxIdPartBytes = 64;

bool allowed(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-';
}

// Printable rendering for error messages: ids may hold control bytes or NUL.
std::string printable(std::string_view value) {
  std::string out;
  for (const char c : value.substr(0, kMaxIdPartBytes + 8)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out.push_back(c);
    } else {
      out += fmt::format("\\x{:02x}", u);
    }
  }
  if (value.size() > kMaxIdPartBytes + 8) out += "...";
  return out;
}

[[noreturn]] void refuse(std::string_view what, std::string_view value, std::string_view why) {
  throw Error(fmt::format("chunk store: {} '{}' is not a safe id: {}; ids may use A-Z a-z 0-9 _ . - (1 to {} "
                          "characters, not starting with '.')",
                          what, printable(value), why, kMaxIdPartBytes));
}

}  // namespace

void validate_id_part(std::string_view what, std::string_view value) {
  if (value.empty()) refuse(what, value, "it is empty");
  if (value.size() > kMaxIdPartBytes) refuse(what, value, fmt::format("it is {} characters long", value.size()));
  for (const char c : value) {
    if (!allowed(c)) refuse(what, value, fmt::format("it contains the byte 0x{:02x}", static_cast<unsigned char>(c)));
  }
  if (value == "." || value == "..") refuse(what, value, "it names a directory");
  if (value.front() == '.') refuse(what, value, "it starts with '.'");
}

void validate_chunk_id(const ChunkId& id) {
  validate_id_part("org id", id.org);
  validate_id_part("dataset", id.dataset);
  validate_id_part("run id", id.run);
}

std::string batch_file_stem(std::uint32_t batch) { return fmt::format("batch-{:06}", batch); }

}  // namespace insights::chunkstore
