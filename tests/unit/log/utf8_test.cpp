#include "shared/log/utf8.h"

#include <gtest/gtest.h>

namespace insights::log {
namespace {

TEST(ValidUtf8, KeepsWellFormedText) {
  const std::string text = "ascii \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";  // é € 😀
  EXPECT_EQ(valid_utf8(text), text);
}

TEST(ValidUtf8, ReplacesEachInvalidByte) {
  EXPECT_EQ(valid_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(valid_utf8("\xC3"), "\xEF\xBF\xBD");                           // truncated
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");           // overlong
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80").substr(0, 3), "\xEF\xBF\xBD");  // above U+10FFFF
}

TEST(ValidUtf8, KeepsEmbeddedNul) { EXPECT_EQ(valid_utf8(std::string_view("a\0b", 3)), std::string("a\0b", 3)); }

}  // namespace
}  // namespace insights::log
