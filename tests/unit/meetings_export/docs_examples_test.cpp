#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/meetings_export/export_fixture.h"

namespace insights::meetings::test {
namespace {

// docs/meetings-export.md walks through these files; the test keeps the page true.
using DocsExamples = ExportFixture;

TEST_F(DocsExamples, ExportTheDocumentedRows) {
  const std::filesystem::path examples = INSIGHTS_DOCS_EXAMPLES;
  const auto reference = load_reference_data(examples / "reference-data.json");
  const WatermarkStore watermarks(dir_ / "watermarks");
  const auto stats = run(examples / "meetings-export.ndjson", reference, watermarks);
  EXPECT_EQ(stats.lines, 6U);
  EXPECT_EQ(stats.exported, 4U);
  EXPECT_EQ(stats.not_completed, 1U);
  EXPECT_EQ(stats.org_disabled, 1U);
  EXPECT_EQ(stats.bad_lines, 0U) << ::testing::PrintToString(stats.problems);
  ASSERT_EQ(emitted_.size(), 4U);
  EXPECT_EQ(emitted_[0].row,
            R"({"meeting_id":"acme-m-1","org_id":"acme","location_id":"loc-1","advisor_ids":["adv-1-2"],)"
            R"("room_id":"loc-1-room-2","room_name":"Møterom \"Fjord\", 2. etg","room_capacity":6,)"
            R"("scheduled_start":"2026-11-20T09:00:00Z","scheduled_end":"2026-11-20T10:00:00Z",)"
            R"("actual_start":"2026-11-20T09:05:00Z","actual_end":"2026-11-20T10:12:00Z",)"
            R"("configured_duration_min":60,"actual_duration_min":67,"duration_diff_min":7,)"
            R"("booked_at":"2026-11-17T14:20:00Z","lead_time_hours":66.67,"booking_source":"web",)"
            R"("meeting_type":"Mortgage consultation","meeting_format":"in_person",)"
            R"("theme_path":"Mortgage > Refinancing > Fixed rate","theme_level1":"Mortgage",)"
            R"("theme_level2":"Refinancing","theme_level3":"Fixed rate","customer_category":"private",)"
            R"("participant_count":2,"status":"completed","last_modified":"2026-11-20T11:00:00Z"})");
  // 08:31:10 -> 08:58:40 is 27.5 min, rounded to 28; booked 45 min ahead.
  const auto phone = parse(emitted_[2].row);
  EXPECT_STREQ(phone["scheduled_start"].GetString(), "2026-11-19T13:30:00Z");
  EXPECT_EQ(phone["actual_duration_min"].GetInt(), 28);
  EXPECT_EQ(phone["duration_diff_min"].GetInt(), -2);
  EXPECT_THAT(emitted_[2].row, ::testing::HasSubstr(R"("lead_time_hours":0.75,)"));
  EXPECT_STREQ(parse(emitted_[3].row)["status"].GetString(), "cancelled_late");
}

}  // namespace
}  // namespace insights::meetings::test
