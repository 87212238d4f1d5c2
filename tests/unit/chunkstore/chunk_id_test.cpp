#include "shared/chunkstore/chunk_id.h"

#include <gtest/gtest.h>

#include <string>

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

std::string error_of(std::string_view what, std::string_view value) {
  try {
    validate_id_part(what, value);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ValidateIdPart, AcceptsSafeIds) {
  for (const char* ok : {"a", "org-42", "meetings", "run_2024-06-01T23.30", "A.b-c_d", "x."}) {
    EXPECT_NO_THROW(validate_id_part("org id", ok)) << ok;
  }
  EXPECT_NO_THROW(validate_id_part("run id", std::string(64, 'x')));
  EXPECT_NO_THROW(validate_id_part("run id", "a..b"));
}

TEST(ValidateIdPart, RefusesUnsafeIds) {
  const std::string nul("a\0b", 3);
  for (const std::string& bad : {std::string("a/b"), std::string(".."), std::string("."), std::string(".hidden"),
                                 std::string(""), std::string(65, 'x'), nul, std::string("a b"), std::string("a\\b"),
                                 std::string("../etc"), std::string("ö"), std::string("a\nb")}) {
    EXPECT_THROW(validate_id_part("org id", bad), Error) << bad;
  }
}

TEST(ValidateIdPart, ErrorNamesTheFieldAndTheReason) {
  EXPECT_NE(error_of("dataset", "").find("dataset"), std::string::npos);
  EXPECT_NE(error_of("dataset", "").find("empty"), std::string::npos);
  EXPECT_NE(error_of("run id", std::string(65, 'x')).find("65 characters"), std::string::npos);
  EXPECT_NE(error_of("org id", "a/b").find("0x2f"), std::string::npos);
  EXPECT_NE(error_of("org id", std::string("a\0b", 3)).find("\\x00"), std::string::npos);
  EXPECT_NE(error_of("org id", ".x").find("starts with '.'"), std::string::npos);
}

TEST(ValidateChunkId, ChecksEveryPart) {
  EXPECT_NO_THROW(validate_chunk_id({"org1", "meetings", "run1", 0}));
  EXPECT_THROW(validate_chunk_id({"org/1", "meetings", "run1", 0}), Error);
  EXPECT_THROW(validate_chunk_id({"org1", "..", "run1", 0}), Error);
  EXPECT_THROW(validate_chunk_id({"org1", "meetings", "", 0}), Error);
}

TEST(BatchFileStem, PadsToSixDigits) {
  EXPECT_EQ(batch_file_stem(0), "batch-000000");
  EXPECT_EQ(batch_file_stem(42), "batch-000042");
  EXPECT_EQ(batch_file_stem(1234567), "batch-1234567");
  EXPECT_EQ(batch_file_stem(4294967295u), "batch-4294967295");
}

}  // namespace
}  // namespace insights::chunkstore
