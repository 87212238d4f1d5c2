#include "shared/schema/utc_date.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace insights::schema {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// yyyy-MM-dd'T'HH:mm:ss'Z', the one Date format the project sends.
constexpr std::string_view kDateShape = "dddd-dd-ddTdd:dd:ddZ";

bool date_shaped_bytewise(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (kDateShape[i] == 'd' ? !is_digit(s[i]) : s[i] != kDateShape[i]) return false;
  }
  return true;
}

// Eight bytes of the shape from `at`, as a little-endian load sees them: the digit positions as 0xFF in `digits`,
// the literal characters in `literals`.
struct ShapeWord {
  std::uint64_t digits = 0;
  std::uint64_t literals = 0;
};

constexpr ShapeWord shape_word(std::size_t at) {
  ShapeWord word;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = kDateShape[at + i];
    if (c == 'd') {
      word.digits |= std::uint64_t{0xFF} << (8 * i);
    } else {
      word.literals |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * i);
    }
  }
  return word;
}

// Eight bytes at once: the literals match and every digit position holds '0'..'9'.
bool word_matches(const char* at, ShapeWord shape) {
  constexpr std::uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0ULL;
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  const std::uint64_t digits = (word ^ 0x3030303030303030ULL) & shape.digits;  // '0'..'9' become 0..9
  // A byte is 0..9 when neither it nor it plus 6 reaches 16; bytes stay below 0x100, so nothing carries across.
  return (word & ~shape.digits) == shape.literals && (digits & kHighNibbles) == 0 &&
         ((digits + 0x0606060606060606ULL) & shape.digits & kHighNibbles) == 0;
}

bool date_shaped(std::string_view s) {
  if constexpr (std::endian::native != std::endian::little) {
    return date_shaped_bytewise(s);
  } else {
    // Three overlapping words cover the 20 bytes.
    static constexpr ShapeWord kWords[] = {shape_word(0), shape_word(8), shape_word(12)};
    return word_matches(s.data(), kWords[0]) && word_matches(s.data() + 8, kWords[1]) &&
           word_matches(s.data() + 12, kWords[2]);
  }
}

}  // namespace

bool valid_utc_date(std::string_view s) {
  if (s.size() != kDateShape.size() || !date_shaped(s)) return false;
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  int month = two(5), day = two(8), hour = two(11), minute = two(14), second = two(17);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
}

}  // namespace insights::schema
