#include "emulator/upload_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "emulator/metadata_validator.h"
#include "tests/support/zlib_gzip.h"
#include "metadata_fixtures.h"
#include "shared/util/error.h"

namespace insights::emulator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using insights::testing::gzip_member;
using testing::meetings_metadata;

std::vector<PartData> parts_of(std::initializer_list<std::pair<int, std::string>> parts) {
  std::vector<PartData> result;
  for (const auto& [number, bytes] : parts) result.push_back({number, std::make_shared<const std::string>(bytes)});
  return result;
}

std::string failure_of(std::vector<PartData> parts, const std::optional<UploadSchema>& schema) {
  try {
    load_upload(std::move(parts), schema, false);
  } catch (const insights::Error& error) {
    return error.what();
  }
  return "loaded";
}

const std::string kHeader = "meeting_id,participants,start_utc\n";

TEST(UploadLoader, JoinsPartsInPartNumberOrderBeforeDecoding) {
  const auto data = gzip_member(kHeader + "m1,3,2024-05-01T10:00:00Z\nm2,,2024-05-02T10:00:00Z\n");
  const auto cut = data.size() / 2;
  auto upload = load_upload(parts_of({{2, data.substr(cut)}, {1, data.substr(0, cut)}}),
                            parse_metadata_json(meetings_metadata()), false);
  ASSERT_EQ(upload.rows.size(), 2U);
  EXPECT_THAT(upload.rows.row(1), ElementsAre("m2", "0", "2024-05-02T10:00:00Z"));
  EXPECT_EQ(upload.rejected, 0U);
}

TEST(UploadLoader, FailsOnMissingPartNumbers) {
  EXPECT_THAT(failure_of(parts_of({{1, "a"}, {3, "b"}}), std::nullopt), HasSubstr("part 2 is missing"));
  EXPECT_THAT(failure_of({}, std::nullopt), HasSubstr("no parts"));
}

TEST(UploadLoader, DropsBadRowsAndCountsThem) {
  const auto csv = kHeader + "m1,3,2024-05-01T10:00:00Z\nm2,three,2024-05-01T10:00:00Z\nm3,1\n" +
                   "m4,1,2024-05-01 10:00\n";
  const auto upload = load_upload(parts_of({{1, csv}}), parse_metadata_json(meetings_metadata()), false);
  EXPECT_EQ(upload.rows.size(), 1U);
  EXPECT_EQ(upload.rejected, 3U);
  EXPECT_THAT(upload.first_rejection, HasSubstr("line 3"));
}

TEST(UploadLoader, FailsWhenNoRowSurvives) {
  const auto csv = kHeader + "m1,x,2024-05-01T10:00:00Z\n";
  EXPECT_THAT(failure_of(parts_of({{1, csv}}), parse_metadata_json(meetings_metadata())),
              HasSubstr("no row could be loaded"));
}

TEST(UploadLoader, FailsWhenTheHeaderRowDiffersFromTheMetadata) {
  const auto csv = std::string("meeting_id,start_utc,participants\nm1,2024-05-01T10:00:00Z,3\n");
  EXPECT_THAT(failure_of(parts_of({{1, csv}}), parse_metadata_json(meetings_metadata())),
              HasSubstr("header column 2 is \"start_utc\""));
  EXPECT_THAT(failure_of(parts_of({{1, "meeting_id\nm1\n"}}), parse_metadata_json(meetings_metadata())),
              HasSubstr("1 columns but the metadata describes 3"));
}

TEST(UploadLoader, FailsOnInvalidUtf8) {
  EXPECT_THAT(failure_of(parts_of({{1, "name\n\xc3\x28\n"}}), std::nullopt), HasSubstr("not valid UTF-8"));
}

TEST(UploadLoader, FailsOnSeveralGzipMembers) {
  const auto data = gzip_member(kHeader + "m1,3,2024-05-01T10:00:00Z\n") + gzip_member("m2,3,2024-05-01T10:00:00Z\n");
  EXPECT_THAT(failure_of(parts_of({{1, data}}), parse_metadata_json(meetings_metadata())),
              HasSubstr("several gzip members"));
}

TEST(UploadLoader, WithoutMetadataEveryColumnIsTextNamedByTheHeader) {
  const auto upload = load_upload(parts_of({{1, "city,code\nOslo,1\n"}}), std::nullopt, false);
  ASSERT_EQ(upload.fields.size(), 2U);
  EXPECT_EQ(upload.fields[1].name, "code");
  EXPECT_EQ(upload.fields[1].type, FieldType::Text);
  EXPECT_THAT(upload.rows.row(0), ElementsAre("Oslo", "1"));
}

}  // namespace
}  // namespace insights::emulator
