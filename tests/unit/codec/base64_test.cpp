#include "shared/codec/base64.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace insights::codec {
namespace {

TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesRfc4648Vectors) {
  EXPECT_EQ(base64_decode(""), std::string());
  EXPECT_EQ(base64_decode("Zg=="), "f");
  EXPECT_EQ(base64_decode("Zm8="), "fo");
  EXPECT_EQ(base64_decode("Zm9v"), "foo");
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
  EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, UsesStandardAlphabetForHighBytes) {
  const std::string bytes{"\xfb\xff\xbf", 3};
  EXPECT_EQ(base64_encode(bytes), "+/+/");
  EXPECT_EQ(base64_decode("+/+/"), bytes);
}

TEST(Base64, KeepsNulAndBinaryBytes) {
  const std::string bytes{"\0\x01\0\xff", 4};
  const auto decoded = base64_decode(base64_encode(bytes));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, bytes);
}

TEST(Base64, RejectsInvalidInput) {
  EXPECT_FALSE(base64_decode("Zg="));         // length not a multiple of 4
  EXPECT_FALSE(base64_decode("Zg"));          // missing padding
  EXPECT_FALSE(base64_decode("Zm9v\nYmFy"));  // line break
  EXPECT_FALSE(base64_decode(" Zm9vYmFy"));   // leading space
  EXPECT_FALSE(base64_decode("Zm9vYmFy "));   // trailing space
  EXPECT_FALSE(base64_decode("Zm 9"));        // inner space
  EXPECT_FALSE(base64_decode("Zm9-"));        // URL-safe alphabet
  EXPECT_FALSE(base64_decode("Zm9_"));
  EXPECT_FALSE(base64_decode("Z==="));        // three padding characters
  EXPECT_FALSE(base64_decode("===="));
  EXPECT_FALSE(base64_decode("Zg==Zg=="));    // padding in the middle
  EXPECT_FALSE(base64_decode("Z=g="));
  EXPECT_FALSE(base64_decode(std::string_view{"Zm\0v", 4}));
}

TEST(Base64, RoundTripsEveryLengthModuloThree) {
  std::mt19937 rng(7);
  for (std::size_t size = 0; size < 100; ++size) {
    std::string bytes(size, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const std::string text = base64_encode(bytes);
    EXPECT_EQ(text.size(), (size + 2) / 3 * 4);
    const auto decoded = base64_decode(text);
    ASSERT_TRUE(decoded.has_value()) << size;
    EXPECT_EQ(*decoded, bytes) << size;
  }
}

TEST(Base64, RoundTripsFifteenMegabytes) {
  std::mt19937_64 rng(42);
  std::string bytes(15 * 1024 * 1024 + 1, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  const std::string text = base64_encode(bytes);
  ASSERT_EQ(text.size(), (bytes.size() + 2) / 3 * 4);
  EXPECT_EQ(text.substr(text.size() - 2), "==");
  const auto decoded = base64_decode(text);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_TRUE(*decoded == bytes);
}

}  // namespace
}  // namespace insights::codec
