#include "producers/meetings/synthetic_export.h"

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "tests/unit/meetings_export/export_fixture.h"
#include "tests/unit/schema/canonical_expectation.h"

namespace insights::meetings::test {
namespace {

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

using SyntheticExport = ExportFixture;

TEST_F(SyntheticExport, EveryEmittedRowPassesTheSchemasRowValidation) {
  SyntheticExportOptions options;
  options.orgs = {"acme", "northbank"};
  options.meetings_per_org = 600;
  options.bad_lines = true;
  write_synthetic_reference(dir_ / "reference.json", options);
  write_synthetic_export(dir_ / "export.ndjson", options);
  const auto reference = load_reference_data(dir_ / "reference.json");
  const WatermarkStore watermarks(dir_ / "watermarks");
  schema::RowToCsv to_csv(schema::schema().dataset("meetings"));
  schema::RecordDecoder decoder;
  std::string csv;
  std::uint64_t rows = 0;
  const auto stats = read_export(dir_ / "export.ndjson", reference, watermarks,
                                 [&](const std::string& org, std::string_view row, std::string_view) {
                                   EXPECT_NE(org, kSyntheticDisabledOrg);
                                   rapidjson::Document document;
                                   document.Parse(row.data(), row.size());
                                   ASSERT_FALSE(document.HasParseError());
                                   csv.clear();
                                   EXPECT_NO_THROW(to_csv.append(document, csv)) << row;
                                   schema::expect_canonical(decoder, {org, "meetings", "20261124T233000Z"}, row, csv);
                                   ++rows;
                                 });
  // 2 x 600 lines and 30 of the disabled org; three broken lines per 997.
  EXPECT_EQ(stats.lines, 1230U);
  EXPECT_EQ(stats.bad_lines, 6U) << ::testing::PrintToString(stats.problems);
  EXPECT_EQ(stats.org_disabled + stats.bad_lines, 30U + 6U - 1U) << "one broken line belongs to the disabled org";
  EXPECT_EQ(stats.lines, stats.exported + stats.not_completed + stats.unchanged + stats.org_disabled + stats.bad_lines);
  EXPECT_EQ(rows, stats.exported);
  EXPECT_GT(stats.not_completed, 60U);  // about 11% scheduled or cancelled
  EXPECT_GT(stats.exported, 900U);
  ASSERT_EQ(stats.orgs.size(), 2U);
  EXPECT_EQ(stats.orgs[0].org, "acme");
}

TEST_F(SyntheticExport, IsDeterministicAndUsesOffsets) {
  SyntheticExportOptions options;
  options.orgs = {"acme"};
  options.meetings_per_org = 50;
  write_synthetic_export(dir_ / "a.ndjson", options);
  write_synthetic_export(dir_ / "b.ndjson", options);
  const auto a = slurp(dir_ / "a.ndjson");
  EXPECT_EQ(a, slurp(dir_ / "b.ndjson"));
  EXPECT_THAT(a, ::testing::HasSubstr("+01:00\""));
  EXPECT_THAT(a, ::testing::HasSubstr("-05:00\""));
  options.seed = 2;
  write_synthetic_export(dir_ / "c.ndjson", options);
  EXPECT_NE(a, slurp(dir_ / "c.ndjson"));
}

TEST_F(SyntheticExport, RefusesInvalidOrgIds) {
  SyntheticExportOptions options;
  options.orgs = {"acme/1"};
  EXPECT_THROW(write_synthetic_export(dir_ / "x.ndjson", options), Error);
  options.orgs = {kSyntheticDisabledOrg};
  EXPECT_THROW(write_synthetic_reference(dir_ / "x.json", options), Error);
}

}  // namespace
}  // namespace insights::meetings::test
