#include "emulator/utf8.h"

#include <cstdint>

#include "shared/util/short_bytes.h"
#include "shared/util/utf8.h"

namespace insights::emulator {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Eight bytes at a time: every cell and the whole decoded upload pass through here, and nearly all of it is ASCII.
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && (load8(text.data() + i) & kHighBits) == 0) {
      i += 8;  // eight ASCII bytes
      continue;
    }
    const auto* at = reinterpret_cast<const unsigned char*>(text.data()) + i;
    if (*at < 0x80U) {
      ++i;
      continue;
    }
    const auto length = insights::utf8_sequence_length(at, text.size() - i);
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
