#include "shared/gzip/gzip_joiner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shared/gzip/segment_writer.h"
#include "shared/util/error.h"
#include "tests/unit/gzip/inflate_helpers.h"
#include "tests/unit/gzip/test_data.h"

namespace insights::gzip {
namespace {

using testing::csv_like;
using testing::gunzip_first_member;
using testing::random_bytes;
using testing::read_le32;
using testing::zlib_crc;

struct Compressed {
  Segment segment;
  std::string bytes;
};

Compressed compress(std::string_view data, int level = 1) {
  Compressed c;
  c.segment = compress_segment(level, data, c.bytes);
  return c;
}

// Joins segments, feeding each one's bytes in a few pieces as a chunk reader would.
std::string join(const std::vector<Compressed>& parts) {
  std::string out;
  GzipJoiner joiner([&](std::string_view b) { out.append(b); });
  for (const Compressed& c : parts) {
    joiner.begin_segment(c.segment);
    const std::string_view bytes = c.bytes;
    const std::size_t half = bytes.size() / 2;
    joiner.write(bytes.substr(0, half));
    joiner.write(bytes.substr(half));
  }
  joiner.finish();
  EXPECT_EQ(joiner.bytes_written(), out.size());
  return out;
}

void expect_single_member_of(const std::string& gz, const std::string& expected) {
  ASSERT_GE(gz.size(), GzipJoiner::framing_bytes());
  EXPECT_EQ(gz.substr(0, 3), "\x1f\x8b\x08");
  const auto result = gunzip_first_member(gz);
  ASSERT_EQ(result.last_rc, Z_STREAM_END);
  EXPECT_EQ(result.unused_input, 0u) << "more than one gzip member";
  EXPECT_EQ(result.output.size(), expected.size());
  EXPECT_TRUE(result.output == expected);
  EXPECT_EQ(read_le32(gz, gz.size() - 8), zlib_crc(expected));
  EXPECT_EQ(read_le32(gz, gz.size() - 4), static_cast<std::uint32_t>(expected.size()));
}

TEST(GzipJoiner, OneSegmentBecomesOneMember) {
  const std::string data = csv_like(100000, 11);
  const Compressed c = compress(data);
  const std::string gz = join({c});
  EXPECT_EQ(gz.size(), GzipJoiner::framing_bytes() + c.segment.compressed_bytes);
  expect_single_member_of(gz, data);
}

TEST(GzipJoiner, HeaderRowPlusCsvChunksAcrossLevels) {
  std::string expected = "id,org,start,status,format,theme,minutes\n";
  std::vector<Compressed> parts{compress(expected)};
  for (int i = 0; i < 8; ++i) {
    const std::string chunk = csv_like(20000 + static_cast<std::size_t>(i) * 3333, 100 + static_cast<std::uint64_t>(i));
    parts.push_back(compress(chunk, i % 4));
    expected += chunk;
  }
  expect_single_member_of(join(parts), expected);
}

TEST(GzipJoiner, RandomAndEmptySegmentsMix) {
  const std::string a = random_bytes(70000, 12);
  const std::string b = random_bytes(1, 13);
  const std::string c = random_bytes(33333, 14);
  expect_single_member_of(join({compress(""), compress(a), compress(""), compress(b), compress(c), compress("")}),
                          a + b + c);
}

TEST(GzipJoiner, OnlyEmptySegments) { expect_single_member_of(join({compress(""), compress("")}), ""); }

TEST(GzipJoiner, NoSegmentsGivesEmptyGzip) {
  const std::string gz = join({});
  EXPECT_EQ(gz.size(), GzipJoiner::framing_bytes());
  expect_single_member_of(gz, "");
}

TEST(GzipJoiner, ManySegmentsInAnyOrder) {
  std::vector<std::string> chunks;
  std::vector<Compressed> parts;
  for (int i = 0; i < 300; ++i) {
    chunks.push_back(csv_like(static_cast<std::size_t>(i) * 37 % 5000, 1000 + static_cast<std::uint64_t>(i)));
    parts.push_back(compress(chunks.back()));
  }
  std::string forward;
  for (const auto& c : chunks) forward += c;
  expect_single_member_of(join(parts), forward);

  // Segments share no dictionary, so any order is a valid stream of the same chunks in that order.
  std::reverse(parts.begin(), parts.end());
  std::string backward;
  for (auto it = chunks.rbegin(); it != chunks.rend(); ++it) backward += *it;
  expect_single_member_of(join(parts), backward);
}

TEST(GzipJoiner, LargeSegmentJoinsWithSmallOnes) {
  const std::string big = csv_like(50 * 1024 * 1024, 15);
  const std::string header = "id,org\n";
  const std::string tail = csv_like(1000, 16);
  expect_single_member_of(join({compress(header), compress(big), compress(tail)}), header + big + tail);
}

TEST(GzipJoiner, TrailerCarriesCombinedCrcAndLength) {
  const std::string a = csv_like(5000, 17);
  const std::string b = random_bytes(5000, 18);
  GzipJoiner joiner([](std::string_view) {});
  const Compressed ca = compress(a);
  const Compressed cb = compress(b);
  joiner.begin_segment(ca.segment);
  joiner.write(ca.bytes);
  joiner.begin_segment(cb.segment);
  joiner.write(cb.bytes);
  joiner.finish();
  EXPECT_EQ(joiner.crc32(), zlib_crc(a + b));
  EXPECT_EQ(joiner.uncompressed_bytes(), a.size() + b.size());
}

TEST(GzipJoiner, LengthFieldIsModulo4GiB) {
  // Metadata alone drives the trailer, so a 5 GiB segment can be described without compressing it.
  std::string out;
  GzipJoiner joiner([&](std::string_view b) { out.append(b); });
  const std::uint64_t five_gib = 5ull << 30;
  joiner.begin_segment(Segment{0x12345678u, five_gib, 0});
  joiner.finish();
  EXPECT_EQ(read_le32(out, out.size() - 4), static_cast<std::uint32_t>(five_gib & 0xffffffffu));
  EXPECT_EQ(joiner.uncompressed_bytes(), five_gib);
}

TEST(GzipJoiner, FinalBlockAndHeaderBytes) {
  std::string out;
  GzipJoiner joiner([&](std::string_view b) { out.append(b); });
  joiner.finish();
  ASSERT_EQ(out.size(), 20u);
  EXPECT_EQ(out.substr(0, 4), std::string("\x1f\x8b\x08\x00", 4));
  EXPECT_EQ(out.substr(10, 2), std::string("\x03\x00", 2));
}

TEST(GzipJoiner, RefusesMisuse) {
  const Compressed c = compress("abc");
  {
    GzipJoiner joiner([](std::string_view) {});
    EXPECT_THROW(joiner.write("x"), Error);
  }
  {
    GzipJoiner joiner([](std::string_view) {});
    joiner.begin_segment(c.segment);
    joiner.write(std::string_view(c.bytes).substr(0, c.bytes.size() - 1));
    EXPECT_THROW(joiner.finish(), Error);  // truncated segment
  }
  {
    GzipJoiner joiner([](std::string_view) {});
    joiner.begin_segment(c.segment);
    EXPECT_THROW(joiner.write(c.bytes + "!"), Error);  // longer than declared
  }
  {
    GzipJoiner joiner([](std::string_view) {});
    joiner.begin_segment(c.segment);
    EXPECT_THROW(joiner.begin_segment(c.segment), Error);  // previous one unwritten
  }
  {
    GzipJoiner joiner([](std::string_view) {});
    joiner.finish();
    EXPECT_THROW(joiner.finish(), Error);
    EXPECT_THROW(joiner.begin_segment(c.segment), Error);
  }
  EXPECT_THROW(GzipJoiner(GzipJoiner::Sink{}), Error);
}

}  // namespace
}  // namespace insights::gzip
