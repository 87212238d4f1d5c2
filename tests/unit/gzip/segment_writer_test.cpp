#include "shared/gzip/segment_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "shared/util/error.h"
#include "tests/unit/gzip/inflate_helpers.h"
#include "tests/unit/gzip/test_data.h"

namespace insights::gzip {
namespace {

using testing::csv_like;
using testing::random_bytes;
using testing::raw_inflate;
using testing::zlib_crc;

class SegmentWriterLevels : public ::testing::TestWithParam<int> {};

TEST_P(SegmentWriterLevels, SegmentIsRawDeflateWithoutFinalBlock) {
  const std::string data = csv_like(300 * 1024, 1);
  std::string out;
  const Segment s = compress_segment(GetParam(), data, out);

  EXPECT_EQ(s.uncompressed_bytes, data.size());
  EXPECT_EQ(s.compressed_bytes, out.size());
  EXPECT_EQ(s.crc32, zlib_crc(data));
  EXPECT_LT(out.size(), data.size());

  const auto inflated = raw_inflate(out);
  // No BFINAL block: zlib decodes everything yet never reaches the end of the stream.
  EXPECT_NE(inflated.last_rc, Z_STREAM_END);
  EXPECT_TRUE(inflated.last_rc == Z_OK || inflated.last_rc == Z_BUF_ERROR) << inflated.last_rc;
  EXPECT_TRUE(inflated.output == data);
}

TEST_P(SegmentWriterLevels, EndsWithSyncFlushMarker) {
  std::string out;
  compress_segment(GetParam(), csv_like(10000, 2), out);
  ASSERT_GE(out.size(), 4u);
  // A sync flush ends with an empty stored block, whose LEN/NLEN are 00 00 FF FF on a byte boundary.
  EXPECT_EQ(out.substr(out.size() - 4), std::string("\x00\x00\xff\xff", 4));
}

INSTANTIATE_TEST_SUITE_P(AllIsalLevels, SegmentWriterLevels, ::testing::Values(0, 1, 2, 3));

TEST(SegmentWriter, RejectsUnsupportedLevels) {
  auto sink = [](std::string_view) {};
  EXPECT_THROW(SegmentWriter(-1, sink), Error);
  EXPECT_THROW(SegmentWriter(4, sink), Error);
  EXPECT_THROW(SegmentWriter(9, sink), Error);
  EXPECT_NO_THROW(SegmentWriter(SegmentWriter::kDefaultLevel, sink));
}

TEST(SegmentWriter, RejectsEmptySink) { EXPECT_THROW(SegmentWriter(1, SegmentWriter::Sink{}), Error); }

TEST(SegmentWriter, CrcMatchesZlibOnRandomData) {
  const std::string data = random_bytes(100000, 3);
  std::string out;
  const Segment s = compress_segment(1, data, out);
  EXPECT_EQ(s.crc32, zlib_crc(data));
  EXPECT_EQ(raw_inflate(out).output, data);
}

TEST(SegmentWriter, EmptySegmentIsValidAndNotFinal) {
  std::string out;
  const Segment s = compress_segment(1, "", out);
  EXPECT_EQ(s.uncompressed_bytes, 0u);
  EXPECT_EQ(s.crc32, 0u);
  EXPECT_EQ(s.compressed_bytes, out.size());
  const auto inflated = raw_inflate(out);
  EXPECT_NE(inflated.last_rc, Z_STREAM_END);
  EXPECT_TRUE(inflated.output.empty());
}

TEST(SegmentWriter, ManySmallWritesEqualOneLargeWrite) {
  const std::string data = csv_like(200000, 4);
  std::string whole;
  const Segment expected = compress_segment(1, data, whole);

  std::string pieces;
  SegmentWriter writer(1, [&](std::string_view b) { pieces.append(b); });
  for (std::size_t pos = 0; pos < data.size(); pos += 97) writer.write(std::string_view(data).substr(pos, 97));
  const Segment s = writer.finish();
  EXPECT_EQ(s.crc32, expected.crc32);
  EXPECT_EQ(s.uncompressed_bytes, expected.uncompressed_bytes);
  EXPECT_EQ(raw_inflate(pieces).output, data);
}

TEST(SegmentWriter, FinishStartsAnIndependentSegment) {
  const std::string first = csv_like(50000, 5);
  const std::string second = csv_like(50000, 6);
  std::string fresh;
  const Segment fresh_segment = compress_segment(1, second, fresh);

  std::string out;
  SegmentWriter writer(1, [&](std::string_view b) { out.append(b); });
  writer.write(first);
  const Segment a = writer.finish();
  out.clear();
  writer.write(second);
  const Segment b = writer.finish();

  EXPECT_EQ(a.uncompressed_bytes, first.size());
  EXPECT_EQ(b, fresh_segment);
  EXPECT_TRUE(out == fresh);  // no history carried over from the first segment
}

TEST(SegmentWriter, FiftyMegabytesStreamThroughBoundedBuffer) {
  const std::string data = csv_like(50 * 1024 * 1024, 7);
  std::string out;
  std::size_t calls = 0;
  std::size_t largest = 0;
  SegmentWriter writer(1, [&](std::string_view b) {
    ++calls;
    largest = std::max(largest, b.size());
    out.append(b);
  });
  // The first output must arrive before the input ends: the writer streams rather than buffering everything.
  std::size_t calls_before_last_write = 0;
  const std::size_t step = 1024 * 1024;
  for (std::size_t pos = 0; pos < data.size(); pos += step) {
    calls_before_last_write = calls;
    writer.write(std::string_view(data).substr(pos, step));
  }
  const Segment s = writer.finish();

  EXPECT_GT(calls_before_last_write, 0u);
  EXPECT_LE(largest, SegmentWriter::kOutputBufferBytes);
  EXPECT_GT(calls, 2u);
  EXPECT_EQ(s.uncompressed_bytes, data.size());
  EXPECT_EQ(s.compressed_bytes, out.size());
  EXPECT_EQ(s.crc32, zlib_crc(data));
  const auto inflated = raw_inflate(out);
  EXPECT_NE(inflated.last_rc, Z_STREAM_END);
  EXPECT_TRUE(inflated.output == data);
}

TEST(SegmentWriter, IsDeterministic) {
  const std::string data = csv_like(100000, 8);
  std::string a;
  std::string b;
  compress_segment(2, data, a);
  compress_segment(2, data, b);
  EXPECT_TRUE(a == b);
}

TEST(SegmentWriter, MovedWriterKeepsWorking) {
  std::string out;
  SegmentWriter original(1, [&](std::string_view b) { out.append(b); });
  original.write("hello ");
  SegmentWriter moved(std::move(original));
  moved.write("world");
  const Segment s = moved.finish();
  EXPECT_EQ(s.uncompressed_bytes, 11u);
  EXPECT_EQ(raw_inflate(out).output, "hello world");
}

}  // namespace
}  // namespace insights::gzip
