#include "shared/chunkstore/chunk_id.h"

#include <fmt/format.h>

#include <limits>

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

void validate_chunk_id(const ChunkId& id) { validate_job_path(job_path(id)); }

void validate_job_path(const JobPath& job) {
  validate_id_part("org id", job.org);
  validate_id_part("dataset", job.dataset);
  validate_id_part("run id", job.run);
}

std::string JobPath::name() const { return fmt::format("{}/{}/{}", org, dataset, run); }

JobPath job_path(const ChunkId& id) { return {id.org, id.dataset, id.run}; }

std::optional<std::uint32_t> parse_batch_file_stem(std::string_view stem) {
  constexpr std::string_view kPrefix = "batch-";
  if (!stem.starts_with(kPrefix)) return std::nullopt;
  const std::string_view digits = stem.substr(kPrefix.size());
  if (digits.size() < 6 || digits.size() > 10) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > std::numeric_limits<std::uint32_t>::max() || batch_file_stem(static_cast<std::uint32_t>(value)) != stem) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

std::string batch_file_stem(std::uint32_t batch) { return fmt::format("batch-{:06}", batch); }

}  // namespace insights::chunkstore
