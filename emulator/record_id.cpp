#include "emulator/record_id.h"

#include <algorithm>
#include <cctype>

#include "shared/util/error.h"

namespace insights::emulator {

namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kSuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
constexpr std::size_t kShortLength = 15;
constexpr std::size_t kBodyLength = 12;

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Each 5-character block contributes one suffix character whose bits mark its upper-case letters.
std::string case_suffix(std::string_view id15) {
  std::string suffix;
  for (std::size_t block = 0; block < 3; ++block) {
    unsigned bits = 0;
    for (std::size_t i = 0; i < 5; ++i) {
      const char c = id15[block * 5 + i];
      if (c >= 'A' && c <= 'Z') bits |= 1U << i;
    }
    suffix.push_back(kSuffixAlphabet[bits]);
  }
  return suffix;
}

}  // namespace

std::string RecordIdGenerator::next(std::string_view key_prefix) {
  if (key_prefix.size() != 3) throw insights::Error("record id prefix must be 3 characters; fix the caller");
  std::uint64_t value = counter_.fetch_add(1);
  std::string body(kBodyLength, '0');
  body[0] = '5';
  body[1] = 'g';
  for (std::size_t i = kBodyLength; i-- > 2 && value > 0; value /= kBase62.size()) {
    body[i] = kBase62[value % kBase62.size()];
  }
  std::string id15 = std::string(key_prefix) + body;
  return id15 + case_suffix(id15);
}

std::optional<std::string> normalize_record_id(std::string_view text) {
  if (text.size() != kShortLength && text.size() != kShortLength + 3) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), is_alnum)) return std::nullopt;
  const auto id15 = text.substr(0, kShortLength);
  const auto suffix = case_suffix(id15);
  if (text.size() == kShortLength + 3) {
    // The suffix is case-insensitive by design; it only has to name the same case pattern.
    const auto given = text.substr(kShortLength);
    for (std::size_t i = 0; i < 3; ++i) {
      if (std::toupper(static_cast<unsigned char>(given[i])) != suffix[i]) return std::nullopt;
    }
  }
  return std::string(id15) + suffix;
}

}  // namespace insights::emulator
