#include "emulator/gzip_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/zlib_gzip.h"
#include "shared/util/error.h"

namespace insights::emulator {
namespace {

using insights::testing::gzip_member;
using ::testing::HasSubstr;

std::string failure_of(std::string_view bytes, bool first_member_only = false) {
  try {
    gunzip_single_member(bytes, first_member_only);
  } catch (const insights::Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(GzipReader, DecodesOneMember) {
  const auto data = gzip_member("id,name\n1,a\n");
  EXPECT_TRUE(looks_like_gzip(data));
  EXPECT_EQ(gunzip_single_member(data, false), "id,name\n1,a\n");
}

TEST(GzipReader, RefusesASecondMember) {
  const auto data = gzip_member("id\n1\n") + gzip_member("2\n");
  EXPECT_THAT(failure_of(data), HasSubstr("several gzip members"));
}

TEST(GzipReader, FirstMemberOnlyDropsTheRestSilently) {
  const auto data = gzip_member("id\n1\n") + gzip_member("2\n");
  EXPECT_EQ(gunzip_single_member(data, true), "id\n1\n");
}

TEST(GzipReader, ReportsTruncation) {
  const auto data = gzip_member(std::string(5000, 'x'));
  EXPECT_THAT(failure_of(std::string_view(data).substr(0, data.size() - 6)), HasSubstr("truncated"));
}

TEST(GzipReader, ReportsCorruption) {
  auto data = gzip_member("hello hello hello");
  data[12] = static_cast<char>(data[12] ^ 0x55);
  data[13] = static_cast<char>(data[13] ^ 0x55);
  EXPECT_THAT(failure_of(data), ::testing::AnyOf(HasSubstr("corrupt"), HasSubstr("truncated")));
}

TEST(GzipReader, ReportsTrailingGarbage) {
  const auto data = gzip_member("a\n") + "zz";
  EXPECT_THAT(failure_of(data), HasSubstr("unexpected bytes"));
}

TEST(GzipReader, PlainTextIsNoGzip) { EXPECT_FALSE(looks_like_gzip("id,name\n")); }

}  // namespace
}  // namespace insights::emulator
