#include "shared/chunkstore/chunk_meta.h"

#include <gtest/gtest.h>

#include <string>

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

ChunkMeta sample() {
  return ChunkMeta{123456789012ull, std::string(64, 'a'), 0xdeadbeefu, 18446744073709551615ull, 100000, 3};
}

TEST(ChunkMetaJson, RoundTrips) {
  const ChunkMeta meta = sample();
  EXPECT_EQ(chunk_meta_from_json(to_json(meta)), meta);
}

TEST(ChunkMetaJson, WritesNamedFields) {
  const std::string json = to_json(sample());
  for (const char* key : {"\"bytes\":123456789012", "\"crc32\":3735928559", "\"records\":100000", "\"rejected\":3",
                          "\"uncompressed_bytes\":18446744073709551615"}) {
    EXPECT_NE(json.find(key), std::string::npos) << key << " in " << json;
  }
}

TEST(ChunkMetaJson, IgnoresUnknownFields) {
  const std::string json = R"({"bytes":1,"sha256":")" + std::string(64, '0') +
                           R"(","crc32":0,"uncompressed_bytes":0,"records":0,"rejected":0,"future":true})";
  EXPECT_EQ(chunk_meta_from_json(json).bytes, 1u);
}

TEST(ChunkMetaJson, RefusesBadInput) {
  const std::string hex(64, 'f');
  const auto with = [&](const std::string& bytes, const std::string& sha, const std::string& crc) {
    return R"({"bytes":)" + bytes + R"(,"sha256":)" + sha + R"(,"crc32":)" + crc +
           R"(,"uncompressed_bytes":1,"records":1,"rejected":0})";
  };
  EXPECT_NO_THROW(chunk_meta_from_json(with("1", "\"" + hex + "\"", "1")));
  EXPECT_THROW(chunk_meta_from_json(""), Error);
  EXPECT_THROW(chunk_meta_from_json("{"), Error);
  EXPECT_THROW(chunk_meta_from_json("[]"), Error);
  EXPECT_THROW(chunk_meta_from_json("{}"), Error);
  EXPECT_THROW(chunk_meta_from_json(with("-1", "\"" + hex + "\"", "1")), Error);
  EXPECT_THROW(chunk_meta_from_json(with("1.5", "\"" + hex + "\"", "1")), Error);
  EXPECT_THROW(chunk_meta_from_json(with("\"1\"", "\"" + hex + "\"", "1")), Error);
  EXPECT_THROW(chunk_meta_from_json(with("1", "\"" + hex.substr(1) + "\"", "1")), Error);
  EXPECT_THROW(chunk_meta_from_json(with("1", "\"" + std::string(64, 'F') + "\"", "1")), Error);
  EXPECT_THROW(chunk_meta_from_json(with("1", "7", "1")), Error);
  EXPECT_THROW(chunk_meta_from_json(with("1", "\"" + hex + "\"", "4294967296")), Error);
}

TEST(ChunkMetaJson, ErrorNamesTheField) {
  try {
    chunk_meta_from_json(R"({"bytes":1})");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("sha256"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace insights::chunkstore
