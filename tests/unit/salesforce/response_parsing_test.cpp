#include "shared/salesforce/response_parsing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/util/error.h"

namespace insights::salesforce {
namespace {

using ::testing::HasSubstr;

TEST(ParseCreatedId, ReadsTheId) {
  EXPECT_EQ(parse_created_id("x", R"({"id":"06V000000000001AAA","success":true,"errors":[]})"), "06V000000000001AAA");
}

TEST(ParseCreatedId, RejectsFailureAndMissingId) {
  EXPECT_THROW(parse_created_id("x", R"({"id":"06V","success":false,"errors":[]})"), Error);
  EXPECT_THROW(parse_created_id("x", R"({"success":true})"), Error);
  try {
    parse_created_id("uploading part 1", "not json");
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("uploading part 1: unexpected response"));
  }
}

TEST(ParseHeaderState, ReadsStatusWithNullMessage) {
  const auto state = parse_header_state(
      "x",
      R"({"attributes":{"type":"InsightsExternalData"},"Status":"InProgress","StatusMessage":null,"Action":"Process"})",
      "06V1");
  EXPECT_EQ(state.id, "06V1");
  EXPECT_EQ(state.status, "InProgress");
  EXPECT_EQ(state.status_message, "");
  EXPECT_EQ(state.action, "Process");
}

TEST(ParseHeaderState, RequiresStatus) {
  EXPECT_THROW(parse_header_state("x", R"({"Action":"None"})", "06V1"), Error);
}

TEST(ParseHeaderQuery, ReadsRecordsAndDone) {
  const auto page = parse_header_query(
      "x", R"({"totalSize":1,"done":true,"records":[{"attributes":{},"Id":"06V2","Status":"Failed",)"
           R"("StatusMessage":"bad gzip","Action":"Process"}]})");
  ASSERT_EQ(page.records.size(), 1u);
  EXPECT_EQ(page.records[0].id, "06V2");
  EXPECT_EQ(page.records[0].status, "Failed");
  EXPECT_EQ(page.records[0].status_message, "bad gzip");
  EXPECT_TRUE(page.next_records_url.empty());
}

TEST(ParsePartQuery, ReadsPartNumbersGivenAsIntegersOrDecimalsAndTheNextPage) {
  const auto page = parse_part_query(
      "x", R"({"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g-2000","records":[)"
           R"({"Id":"06W1","PartNumber":1},{"Id":"06W2","PartNumber":2.0}]})");
  ASSERT_EQ(page.records.size(), 2u);
  EXPECT_EQ(page.records[0].part_number, 1);
  EXPECT_EQ(page.records[1].id, "06W2");
  EXPECT_EQ(page.records[1].part_number, 2);
  EXPECT_EQ(page.next_records_url, "/services/data/v62.0/query/01g-2000");
}

TEST(ParsePartQuery, RejectsMissingOrFractionalPartNumbers) {
  EXPECT_THROW(parse_part_query("x", R"({"done":true,"records":[{"Id":"06W1"}]})"), Error);
  EXPECT_THROW(parse_part_query("x", R"({"done":true,"records":[{"Id":"06W1","PartNumber":1.5}]})"), Error);
  EXPECT_THROW(parse_part_query("x", R"({"done":true})"), Error);
}

TEST(ParseDataset, ReadsCurrentVersion) {
  const auto version =
      parse_dataset_current_version("x", R"({"id":"0Fb1","name":"meetings","currentVersionId":"0Fc9"})");
  ASSERT_TRUE(version);
  EXPECT_EQ(version->dataset_id, "0Fb1");
  EXPECT_EQ(version->version_id, "0Fc9");
  EXPECT_FALSE(parse_dataset_current_version("x", R"({"id":"0Fb1","currentVersionId":null})"));
}

TEST(ParseTotalRowCount, PrefersTotalRowCountAndFallsBackToTotalRows) {
  EXPECT_EQ(parse_total_row_count("x", R"({"id":"0Fc9","totalRowCount":123456789012})"), 123456789012u);
  EXPECT_EQ(parse_total_row_count("x", R"({"id":"0Fc9","totalRows":42})"), 42u);
  EXPECT_THROW(parse_total_row_count("x", R"({"id":"0Fc9"})"), Error);
}

}  // namespace
}  // namespace insights::salesforce
