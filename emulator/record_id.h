#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace insights::emulator {

// Salesforce-shaped record ids: a 3-character key prefix, 12 base-62 characters, then the 3-character
// case-safe suffix, 18 characters in all.
class RecordIdGenerator {
 public:
  std::string next(std::string_view key_prefix);

 private:
  std::atomic<std::uint64_t> counter_{1};
};

// The 18-character form of a 15- or 18-character id, or nullopt when the text is no well-formed id
// (wrong length, not alphanumeric, or an 18-character id whose suffix does not match).
std::optional<std::string> normalize_record_id(std::string_view text);

}  // namespace insights::emulator
