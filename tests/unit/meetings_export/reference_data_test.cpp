#include "producers/meetings/reference_data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/util/error.h"
#include "tests/unit/meetings_export/export_fixture.h"

namespace insights::meetings::test {
namespace {

using ::testing::HasSubstr;

std::string error_of(std::string_view json) {
  try {
    parse_reference_data(json, "ref.json");
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ReferenceData, ResolvesThemeHierarchiesWhateverTheOrder) {
  const auto data = parse_reference_data(kReference, "ref.json");
  const auto* fixed = ReferenceData::find(data.themes, "t-fixed");
  ASSERT_NE(fixed, nullptr);
  EXPECT_EQ(fixed->path, "Mortgage > Refinancing > Fixed rate");
  EXPECT_EQ(fixed->levels[0], "Mortgage");
  EXPECT_EQ(fixed->levels[2], "Fixed rate");
  EXPECT_EQ(ReferenceData::find(data.themes, "t-mortgage")->path, "Mortgage");
  EXPECT_EQ(ReferenceData::find(data.themes, "t-mortgage")->levels[1], "");
  EXPECT_TRUE(ReferenceData::find(data.organisations, "acme")->insights_enabled);
  EXPECT_FALSE(ReferenceData::find(data.organisations, "off")->insights_enabled);
  EXPECT_EQ(ReferenceData::find(data.rooms, "r-glass")->capacity, 4U);
  EXPECT_EQ(ReferenceData::find(data.meeting_types, "mt-savings")->duration_min, 30U);
  EXPECT_EQ(*ReferenceData::find(data.customer_categories, "c-sb"), "small business");
}

TEST(ReferenceData, ErrorsNameTheFileTheLocationAndTheProblem) {
  const std::string ref = kReference;
  EXPECT_THAT(error_of(replaced(ref, R"("parent": "t-refi")", R"("parent": "t-x")")),
              HasSubstr("ref.json: themes[id=t-fixed].parent: unknown parent theme 't-x'"));
  EXPECT_THAT(error_of(replaced(ref, R"("parent": null)", R"("parent": "t-fixed")")),
              HasSubstr("deeper than 3 levels (or a cycle)"));
  EXPECT_THAT(error_of(replaced(ref, R"({"id": "beta", "insights_enabled": true})", R"({"id": "beta"})")),
              HasSubstr("ref.json: organisations[1].insights_enabled: missing"));
  EXPECT_THAT(error_of(replaced(ref, R"("capacity": 4)", R"("capacity": -4)")),
              HasSubstr("rooms[0].capacity: must be a whole number from 0 to 999999"));
  EXPECT_THAT(error_of(replaced(ref, R"("duration_min": 30)", R"("duration_min": 0)")),
              HasSubstr("meeting_types[1].duration_min"));
  EXPECT_THAT(error_of(replaced(ref, R"({"id": "t-savings")", R"({"id": "t-funds")")),
              HasSubstr("themes[4].id: duplicate id 't-funds'"));
  EXPECT_THAT(error_of(replaced(ref, R"({"id": "off")", R"({"id": "o/ff")")),
              HasSubstr("organisations[2].id: 'o/ff' is not 1-64 characters"));
  EXPECT_THAT(error_of(replaced(ref, R"("rooms": [)", R"("rooms": 1, "x": [)")), HasSubstr("rooms: missing or not"));
  // Line 3 of the file lacks a comma.
  EXPECT_THAT(error_of(replaced(ref, R"("insights_enabled": true},)", R"("insights_enabled": true})")),
              HasSubstr("ref.json: line 4 column 5: not valid JSON"));
}

TEST(ReferenceData, MissingFileIsAnError) {
  EXPECT_THROW(load_reference_data("/nonexistent/reference.json"), Error);
}

}  // namespace
}  // namespace insights::meetings::test
