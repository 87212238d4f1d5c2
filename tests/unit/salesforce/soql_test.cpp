#include "shared/salesforce/soql.h"

#include <gtest/gtest.h>

namespace insights::salesforce {
namespace {

TEST(SoqlLiteral, QuotesPlainValues) { EXPECT_EQ(soql_literal("job_7f3a"), "'job_7f3a'"); }

TEST(SoqlLiteral, EscapesQuotesAndBackslashesSoTheLiteralCannotEndEarly) {
  EXPECT_EQ(soql_literal("a'b"), R"('a\'b')");
  EXPECT_EQ(soql_literal(R"(a\' OR Id!=')"), R"('a\\\' OR Id!=\'')");
  EXPECT_EQ(soql_literal("line\nbreak\t\"q\""), R"('line\nbreak\t\"q\"')");
}

TEST(SoqlQueries, HeaderByFileNameTakesTheNewest) {
  EXPECT_EQ(header_by_file_name_query("job_1"),
            "SELECT Id,Status,StatusMessage,Action FROM InsightsExternalData WHERE FileName='job_1' "
            "ORDER BY CreatedDate DESC LIMIT 1");
}

TEST(SoqlQueries, PartsOfHeaderOrderedByPartNumber) {
  EXPECT_EQ(parts_of_header_query("06V000000000001AAA"),
            "SELECT Id,PartNumber FROM InsightsExternalDataPart WHERE InsightsExternalDataId='06V000000000001AAA' "
            "ORDER BY PartNumber");
}

}  // namespace
}  // namespace insights::salesforce
