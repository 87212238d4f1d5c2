#include "shared/gzip/part_cutter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shared/util/error.h"
#include "tests/unit/gzip/test_data.h"

namespace insights::gzip {
namespace {

struct Part {
  int number;
  std::string bytes;
};

std::vector<Part> cut(const std::string& input, std::size_t max, std::size_t write_size) {
  std::vector<Part> parts;
  PartCutter cutter(max, [&](int n, std::string_view b) { parts.push_back({n, std::string(b)}); });
  for (std::size_t pos = 0; pos < input.size(); pos += write_size) {
    cutter.write(std::string_view(input).substr(pos, write_size));
  }
  cutter.finish();
  EXPECT_EQ(cutter.parts(), static_cast<int>(parts.size()));
  EXPECT_EQ(cutter.bytes(), input.size());
  return parts;
}

void expect_well_cut(const std::vector<Part>& parts, const std::string& input, std::size_t max) {
  ASSERT_EQ(parts.size(), (input.size() + max - 1) / max);
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    EXPECT_EQ(parts[i].number, static_cast<int>(i) + 1);
    EXPECT_FALSE(parts[i].bytes.empty());
    if (i + 1 < parts.size()) {
      EXPECT_EQ(parts[i].bytes.size(), max) << "part " << i + 1;
    }
    EXPECT_LE(parts[i].bytes.size(), max);
    joined += parts[i].bytes;
  }
  EXPECT_TRUE(joined == input);
}

class PartCutterEdges : public ::testing::TestWithParam<std::size_t> {};

TEST_P(PartCutterEdges, SizesAroundMultiplesOfMax) {
  const std::size_t max = 1000;
  const std::size_t write_size = GetParam();
  for (std::size_t n : {1u, 2u, 3u, 7u}) {
    for (std::size_t size : {n * max - 1, n * max, n * max + 1}) {
      const std::string input = testing::random_bytes(size, size);
      const auto parts = cut(input, max, write_size);
      expect_well_cut(parts, input, max);
      const std::size_t expected_last = size == n * max + 1 ? 1 : size == n * max ? max : max - 1;
      EXPECT_EQ(parts.back().bytes.size(), expected_last) << "input of " << size << " bytes";
    }
  }
}

// Write sizes below, at, above and far above the part size, plus ones that straddle boundaries.
INSTANTIATE_TEST_SUITE_P(WriteSizes, PartCutterEdges, ::testing::Values(1, 7, 999, 1000, 1001, 2500, 100000));

TEST(PartCutter, SingleByte) {
  const auto parts = cut("x", 10, 1);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].number, 1);
  EXPECT_EQ(parts[0].bytes, "x");
}

TEST(PartCutter, PartSizeOfOne) { expect_well_cut(cut("abcdef", 1, 4), "abcdef", 1); }

TEST(PartCutter, EmptyInputIsAnError) {
  int calls = 0;
  PartCutter cutter(10, [&](int, std::string_view) { ++calls; });
  cutter.write("");
  EXPECT_THROW(cutter.finish(), Error);
  EXPECT_EQ(calls, 0);
}

TEST(PartCutter, RejectsZeroPartSizeAndMissingSink) {
  EXPECT_THROW(PartCutter(0, [](int, std::string_view) {}), Error);
  EXPECT_THROW(PartCutter(10, PartCutter::PartSink{}), Error);
}

TEST(PartCutter, RefusesUseAfterFinish) {
  PartCutter cutter(10, [](int, std::string_view) {});
  cutter.write("abc");
  cutter.finish();
  EXPECT_THROW(cutter.write("d"), Error);
  EXPECT_THROW(cutter.finish(), Error);
}

TEST(PartCutter, EmitsFullPartsBeforeFinish) {
  std::vector<int> seen;
  PartCutter cutter(4, [&](int n, std::string_view) { seen.push_back(n); });
  cutter.write("abcdefghij");
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  cutter.finish();
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
}

}  // namespace
}  // namespace insights::gzip
