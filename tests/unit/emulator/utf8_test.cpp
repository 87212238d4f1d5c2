#include "emulator/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace insights::emulator {
namespace {

// Texts long enough that every character also sits across or at the edge of an eight-byte word.
std::string padded(std::size_t ascii_before, std::string_view middle, std::size_t ascii_after) {
  return std::string(ascii_before, 'a') + std::string(middle) + std::string(ascii_after, 'z');
}

TEST(Utf8, LengthCountsCodePointsAtEveryAlignment) {
  const std::string two = "\xC3\xA9";           // é
  const std::string three = "\xE2\x82\xAC";     // €
  const std::string four = "\xF0\x9F\x98\x80";  // 😀
  for (std::size_t before = 0; before < 17; ++before) {
    for (std::size_t after = 0; after < 9; ++after) {
      EXPECT_EQ(utf8_length(padded(before, two + three + four, after)), before + 3 + after) << before << "/" << after;
      EXPECT_EQ(utf8_length(padded(before, "", after)), before + after);
    }
  }
}

TEST(Utf8, FirstInvalidByteIsFoundAfterLongAsciiRuns) {
  for (std::size_t before = 0; before < 25; ++before) {
    EXPECT_EQ(first_invalid_utf8(padded(before, "\xFF", 10)), before) << before;
    EXPECT_EQ(first_invalid_utf8(padded(before, "\xC3", 0)), before) << "truncated at the end, " << before;
    EXPECT_EQ(first_invalid_utf8(padded(before, "\xED\xA0\x80", 9)), before) << "surrogate, " << before;
    EXPECT_EQ(first_invalid_utf8(padded(before, "\xE2\x82\xAC", 9)), std::nullopt) << before;
  }
}

}  // namespace
}  // namespace insights::emulator
