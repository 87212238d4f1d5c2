#include "emulator/utf8.h"

#include <cstdint>
#include <cstring>

namespace insights::emulator {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Eight bytes at a time: every cell and the whole decoded upload pass through here, and nearly all of it is ASCII.
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

std::uint64_t load8(const char* at) {
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// Length of the sequence starting at text[i], or 0 when it is not valid UTF-8.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80U) return 1;
  std::size_t length = 0;
  unsigned char min_second = 0x80U;
  unsigned char max_second = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) min_second = 0xA0U;  // overlong
    if (lead == 0xEDU) max_second = 0x9FU;  // surrogates
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) min_second = 0x90U;  // overlong
    if (lead == 0xF4U) max_second = 0x8FU;  // past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < min_second || second > max_second) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return 0;
  }
  return length;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && (load8(text.data() + i) & kHighBits) == 0) {
      i += 8;  // eight ASCII bytes
      continue;
    }
    const auto length = sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t continuations = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    const std::uint64_t word = load8(text.data() + i);
    // A continuation byte is 10xxxxxx: its top bit set and the next bit (shifted up into the top place) clear.
    // Summing the flags by multiplication: std::popcount is a library call on baseline x86-64.
    const std::uint64_t flags = (word & ~(word << 1) & kHighBits) >> 7;
    continuations += static_cast<std::size_t>((flags * 0x0101010101010101ULL) >> 56);
  }
  for (; i < text.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(text[i]))) ++continuations;
  }
  return text.size() - continuations;
}

std::string utf8_prefix(std::string_view text, std::size_t max_chars) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(text[i]))) continue;
    if (seen == max_chars) return std::string(text.substr(0, i));
    ++seen;
  }
  return std::string(text);
}

}  // namespace insights::emulator
