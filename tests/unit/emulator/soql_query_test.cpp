#include "emulator/soql_query.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "emulator/api_error.h"

namespace insights::emulator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string error_code(std::string_view text) {
  try {
    parse_soql(text);
  } catch (const ApiError& error) {
    return error.code() + ": " + error.what();
  }
  return "parsed";
}

TEST(SoqlQuery, ParsesTheUploaderHeaderLookup) {
  const auto query = parse_soql(
      "SELECT Id, status,Action FROM InsightsExternalData WHERE FileName='job_7f3a' AND Status IN ('Completed', "
      "'CompletedWithWarnings') ORDER BY CreatedDate DESC LIMIT 1");
  EXPECT_EQ(query.object, &header_object());
  EXPECT_THAT(query.fields, ElementsAre("Id", "Status", "Action"));
  ASSERT_EQ(query.where.size(), 2U);
  EXPECT_EQ(query.where[0].field, "FileName");
  EXPECT_EQ(query.where[1].op, SoqlCondition::Op::In);
  EXPECT_EQ(query.order_by, "CreatedDate");
  EXPECT_TRUE(query.descending);
  EXPECT_EQ(query.limit, 1U);
}

TEST(SoqlQuery, MatchesCaseInsensitively) {
  const auto query = parse_soql("SELECT Id FROM InsightsExternalData WHERE FileName = 'JOB_1' AND Action != 'Process'");
  EXPECT_TRUE(soql_matches(query, {{"FileName", std::string("job_1")}, {"Action", std::string("None")}}));
  EXPECT_FALSE(soql_matches(query, {{"FileName", std::string("job_2")}, {"Action", std::string("None")}}));
  EXPECT_FALSE(soql_matches(query, {{"FileName", std::string("job_1")}, {"Action", std::string("Process")}}));
}

TEST(SoqlQuery, ParsesThePartListing) {
  const auto query =
      parse_soql("SELECT Id,PartNumber FROM InsightsExternalDataPart WHERE InsightsExternalDataId='06V000000000001AAA' "
                 "ORDER BY PartNumber");
  EXPECT_EQ(query.object, &part_object());
  EXPECT_FALSE(query.descending);
}

TEST(SoqlQuery, RefusesWhatItCannotParse) {
  EXPECT_THAT(error_code("SELECT Id FROM InsightsExternalData WHERE FileName='a' OR FileName='b'"),
              HasSubstr("MALFORMED_QUERY: OR is not supported"));
  EXPECT_THAT(error_code("SELECT COUNT() FROM InsightsExternalData"), HasSubstr("MALFORMED_QUERY"));
  EXPECT_THAT(error_code("SELECT Id FROM InsightsExternalData GROUP BY Status"), HasSubstr("found 'GROUP'"));
  EXPECT_THAT(error_code("SELECT Id FROM Account"), HasSubstr("INVALID_TYPE"));
  EXPECT_THAT(error_code("SELECT Nope FROM InsightsExternalData"), HasSubstr("INVALID_FIELD"));
  EXPECT_THAT(error_code("SELECT Id FROM InsightsExternalData WHERE FileName='open"), HasSubstr("unterminated"));
}

TEST(SoqlQuery, ComparesRangesAndDatetimeLiterals) {
  const auto query = parse_soql(
      "SELECT Id FROM InsightsExternalDataPart WHERE CreatedDate >= 2026-11-23T22:00:00Z AND DataLength < 100 AND "
      "DataLength>=10");
  ASSERT_EQ(query.where.size(), 3U);
  EXPECT_EQ(query.where[0].op, SoqlCondition::Op::GreaterOrEqual);
  EXPECT_EQ(std::get<std::string>(query.where[0].values[0]), "2026-11-23T22:00:00.000+0000");
  const FieldValues inside{{"CreatedDate", std::string("2026-11-23T22:00:00.000+0000")},
                           {"DataLength", std::int64_t{10}}};
  EXPECT_TRUE(soql_matches(query, inside));
  auto earlier = inside;
  earlier["CreatedDate"] = std::string("2026-11-23T21:59:59.999+0000");
  EXPECT_FALSE(soql_matches(query, earlier));
  auto larger = inside;
  larger["DataLength"] = std::int64_t{100};
  EXPECT_FALSE(soql_matches(query, larger));
}

TEST(SoqlQuery, DatetimeOffsetsAreNormalizedToUtc) {
  const auto query = parse_soql("SELECT Id FROM InsightsExternalData WHERE CreatedDate > 2026-11-24T01:30:00.250+02:00");
  EXPECT_EQ(std::get<std::string>(query.where[0].values[0]), "2026-11-23T23:30:00.250+0000");
  EXPECT_EQ(parse_soql("SELECT Id FROM InsightsExternalData WHERE CreatedDate <= 2026-11-24T00:00:00-05:00")
                .where[0].values[0],
            FieldValue(std::string("2026-11-24T05:00:00.000+0000")));
}

TEST(SoqlQuery, RefusesMismatchedLiterals) {
  EXPECT_THAT(error_code("SELECT Id FROM InsightsExternalData WHERE CreatedDate >= '2026-11-23'"),
              HasSubstr("INVALID_QUERY_FILTER_OPERATOR"));
  EXPECT_THAT(error_code("SELECT Id FROM InsightsExternalData WHERE FileName = 2026-11-23T00:00:00Z"),
              HasSubstr("INVALID_QUERY_FILTER_OPERATOR"));
  EXPECT_THAT(error_code("SELECT Id FROM InsightsExternalDataPart WHERE DataLength > 'ten'"),
              HasSubstr("must be a number"));
  EXPECT_THAT(error_code("SELECT Id FROM InsightsExternalData WHERE CreatedDate >= 2026-13-01T00:00:00Z"),
              HasSubstr("MALFORMED_QUERY"));
}

TEST(SoqlQuery, RangeOperatorsNeverMatchNull) {
  const auto query = parse_soql("SELECT Id FROM InsightsExternalDataPart WHERE DataLength > 0");
  EXPECT_FALSE(soql_matches(query, {}));
}

}  // namespace
}  // namespace insights::emulator
