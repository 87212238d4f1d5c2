#include "shared/schema/manifest.h"

#include <gtest/gtest.h>

#include "shared/schema/record_codec.h"

namespace insights::schema {
namespace {

TEST(Manifest, BatchRoundTrip) {
  BatchManifest m;
  m.job = {"acme", "availability", "r1"};
  m.batch = 4;
  m.expected = 100;
  m.chunk = "acme/availability/r1/batch-000004";
  m.meta = {12345, std::string(64, 'a'), 0xDEADBEEF, 99999, 98, 2};
  auto decoded = std::get<BatchManifest>(decode_manifest(encode_manifest(m)));
  EXPECT_EQ(decoded.job, m.job);
  EXPECT_EQ(decoded.batch, 4u);
  EXPECT_TRUE(decoded.complete);
  EXPECT_EQ(decoded.meta.bytes, 12345u);
  EXPECT_EQ(decoded.meta.crc32, 0xDEADBEEFu);
  EXPECT_EQ(decoded.meta.records, 98u);
  EXPECT_EQ(decoded.meta.rejected, 2u);
  EXPECT_EQ(decoded.chunk, m.chunk);
}

TEST(Manifest, JobRoundTripAndRefusals) {
  JobManifest m{{"acme", "meetings", "r1"}, 3, 250000, "Upsert", 1};
  auto decoded = std::get<JobManifest>(decode_manifest(encode_manifest(m)));
  EXPECT_EQ(decoded.records, 250000u);
  EXPECT_EQ(decoded.operation, "Upsert");
  EXPECT_THROW(decode_manifest("{}"), RecordError);
  EXPECT_THROW(decode_manifest(R"({"v":1,"type":"job","org":"../x","dataset":"meetings","run":"r"})"), RecordError);
  EXPECT_THROW(decode_manifest(R"({"v":1,"type":"other","org":"a","dataset":"meetings","run":"r"})"), RecordError);
}

}  // namespace
}  // namespace insights::schema
