#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/meetings_export/export_fixture.h"

namespace insights::meetings::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Times in three offsets; the expected UTC values and derived numbers are worked out in the test comments.
const std::string kCompleted =
    R"({"meeting_id":"m-1","org_id":"acme","location_id":"loc-1","advisor_ids":["adv-1","adv-2"],)"
    R"("room_id":"r-glass","scheduled_start":"2026-11-20T10:00:00+01:00","scheduled_end":"2026-11-20T11:00:00+01:00",)"
    R"("actual_start":"2026-11-20T04:05:00-05:00","actual_end":"2026-11-20T09:12:30Z",)"
    R"("meeting_type_id":"mt-mortgage","format":"in_person","booked_at":"2026-11-17T14:20:00Z",)"
    R"("booking_source":"web","theme_id":"t-fixed","customer_category_id":"c-sb","participants":3,)"
    R"("status":"completed","last_modified":"2026-11-20T12:00:00+01:00"})";

const std::string kNoShow =
    R"({"meeting_id":"m-2","org_id":"acme","location_id":"loc-1","advisor_ids":["adv-3"],"room_id":null,)"
    R"("scheduled_start":"2026-11-21T09:00:00Z","scheduled_end":"2026-11-21T09:30:00Z",)"
    R"("meeting_type_id":"mt-savings","format":"video","booked_at":"2026-11-21T09:10:00+00:00",)"
    R"("booking_source":"advisor","theme_id":"t-funds","status":"no_show","last_modified":"2026-11-21T10:00:00Z"})";

std::string with(std::string line, const std::string& from, const std::string& to) {
  const auto at = line.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return line.replace(at, from.size(), to);
}

class ExportReader : public ExportFixture {
 protected:
  ReferenceData reference_ = parse_reference_data(kReference, "reference.json");
};

TEST_F(ExportReader, EnrichesAndDerivesFieldsOfACompletedMeeting) {
  const WatermarkStore watermarks(dir_ / "watermarks");
  const auto stats = run(write("export.ndjson", kCompleted + "\n"), reference_, watermarks);
  ASSERT_EQ(stats.exported, 1U);
  ASSERT_EQ(emitted_.size(), 1U);
  EXPECT_EQ(emitted_[0].org, "acme");
  EXPECT_EQ(emitted_[0].last_modified, "2026-11-20T11:00:00Z");
  const auto row = parse(emitted_[0].row);
  auto text = [&](const char* name) { return std::string(row[name].GetString()); };
  EXPECT_EQ(text("theme_path"), "Mortgage > Refinancing > Fixed rate");
  EXPECT_EQ(text("theme_level1"), "Mortgage");
  EXPECT_EQ(text("theme_level2"), "Refinancing");
  EXPECT_EQ(text("theme_level3"), "Fixed rate");
  EXPECT_EQ(text("customer_category"), "small business");
  EXPECT_EQ(text("room_id"), "r-glass");
  EXPECT_EQ(text("room_name"), "Glassburet");
  EXPECT_EQ(row["room_capacity"].GetInt(), 4);
  EXPECT_EQ(text("meeting_type"), "Mortgage consultation");
  EXPECT_EQ(text("meeting_format"), "in_person");
  EXPECT_EQ(row["participant_count"].GetInt(), 3);
  EXPECT_EQ(row["advisor_ids"].Size(), 2U);
  // +01:00 and -05:00 are normalised to UTC.
  EXPECT_EQ(text("scheduled_start"), "2026-11-20T09:00:00Z");
  EXPECT_EQ(text("scheduled_end"), "2026-11-20T10:00:00Z");
  EXPECT_EQ(text("actual_start"), "2026-11-20T09:05:00Z");
  EXPECT_EQ(text("actual_end"), "2026-11-20T09:12:30Z");
  EXPECT_EQ(text("last_modified"), "2026-11-20T11:00:00Z");
  // 09:05:00 -> 09:12:30 is 7.5 min, rounded half up to 8; configured 60; difference 8 - 60.
  EXPECT_EQ(row["actual_duration_min"].GetInt(), 8);
  EXPECT_EQ(row["configured_duration_min"].GetInt(), 60);
  EXPECT_EQ(row["duration_diff_min"].GetInt(), -52);
  // 2026-11-17 14:20 -> 2026-11-20 09:00 is 2 days 18 h 40 min = 66.666.. h, written exactly as 66.67.
  EXPECT_THAT(emitted_[0].row, HasSubstr(R"("lead_time_hours":66.67,)"));
  EXPECT_EQ(text("status"), "completed");
}

TEST_F(ExportReader, NoShowHasNoActualTimesAndANegativeLeadTime) {
  const WatermarkStore watermarks(dir_ / "watermarks");
  run(write("export.ndjson", kNoShow + "\n"), reference_, watermarks);
  ASSERT_EQ(emitted_.size(), 1U);
  const auto row = parse(emitted_[0].row);
  EXPECT_FALSE(row.HasMember("actual_start"));
  EXPECT_FALSE(row.HasMember("actual_duration_min"));
  EXPECT_FALSE(row.HasMember("duration_diff_min"));
  EXPECT_FALSE(row.HasMember("customer_category"));
  EXPECT_FALSE(row.HasMember("participant_count"));
  EXPECT_EQ(row["configured_duration_min"].GetInt(), 30);
  // Remote: no room, capacity 0. Two-level theme: third level empty.
  EXPECT_STREQ(row["room_id"].GetString(), "");
  EXPECT_EQ(row["room_capacity"].GetInt(), 0);
  EXPECT_STREQ(row["theme_path"].GetString(), "Savings > Funds, \"global\"");
  EXPECT_STREQ(row["theme_level3"].GetString(), "");
  // Booked ten minutes after the start (a walk-in): -0.1666.. h rounds to -0.17.
  EXPECT_THAT(emitted_[0].row, HasSubstr(R"("lead_time_hours":-0.17,)"));
  EXPECT_STREQ(row["status"].GetString(), "no_show");
}

TEST_F(ExportReader, ExportsOnlyCompletedMeetingsOfEnabledOrganisations) {
  const WatermarkStore watermarks(dir_ / "watermarks");
  const auto lines = kCompleted + "\n" + with(kCompleted, R"("status":"completed")", R"("status":"scheduled")") +
                     "\n" + with(kCompleted, R"("status":"completed")", R"("status":"cancelled")") + "\n\n" +
                     with(kCompleted, R"("status":"completed")", R"("status":"cancelled_late")") + "\n" +
                     with(kCompleted, R"("org_id":"acme")", R"("org_id":"off")") + "\n" +
                     with(kCompleted, R"("org_id":"acme")", R"("org_id":"beta")") + "\n";
  const auto stats = run(write("export.ndjson", lines), reference_, watermarks);
  EXPECT_EQ(stats.lines, 6U);  // the blank line is not counted
  EXPECT_EQ(stats.exported, 3U);
  EXPECT_EQ(stats.not_completed, 2U);
  EXPECT_EQ(stats.org_disabled, 1U);
  EXPECT_EQ(stats.bad_lines, 0U);
  ASSERT_EQ(emitted_.size(), 3U);
  EXPECT_EQ(emitted_[0].org, "acme");
  EXPECT_EQ(emitted_[1].org, "acme");
  EXPECT_EQ(emitted_[2].org, "beta");
  for (const auto& e : emitted_) {
    EXPECT_NE(e.org, "off");
  }
  ASSERT_EQ(stats.orgs.size(), 2U);
  EXPECT_EQ(stats.orgs[0].org, "acme");
  EXPECT_EQ(stats.orgs[0].rows, 2U);
  EXPECT_EQ(stats.orgs[0].max_last_modified, "2026-11-20T11:00:00Z");
  EXPECT_EQ(stats.orgs[1].org, "beta");
}

TEST_F(ExportReader, WatermarkExportsOnlyTheModifiedMeetingOnTheSecondRun) {
  const auto first = kCompleted + "\n" + kNoShow + "\n";
  {
    const WatermarkStore watermarks(dir_ / "watermarks");
    const auto stats = run(write("night1.ndjson", first), reference_, watermarks);
    EXPECT_EQ(stats.exported, 2U);
    ASSERT_EQ(stats.orgs.size(), 1U);
    EXPECT_EQ(stats.orgs[0].max_last_modified, "2026-11-21T10:00:00Z");
    // The caller advances only once the run's run_end is delivered.
    WatermarkStore(dir_ / "watermarks").advance("acme", stats.orgs[0].max_last_modified);
  }
  // Night 2: the same export, except that meeting m-1 was corrected the next day (+02:00 this time).
  const auto modified = with(with(kCompleted, R"("participants":3)", R"("participants":2)"),
                             R"("last_modified":"2026-11-20T12:00:00+01:00")",
                             R"("last_modified":"2026-11-22T08:30:00+02:00")");
  const WatermarkStore watermarks(dir_ / "watermarks");  // a fresh store reads the file
  EXPECT_EQ(watermarks.get("acme"), "2026-11-21T10:00:00Z");
  const auto stats = run(write("night2.ndjson", modified + "\n" + kNoShow + "\n"), reference_, watermarks);
  EXPECT_EQ(stats.exported, 1U);
  EXPECT_EQ(stats.unchanged, 1U);
  ASSERT_EQ(emitted_.size(), 1U);
  const auto row = parse(emitted_[0].row);
  EXPECT_STREQ(row["meeting_id"].GetString(), "m-1");
  EXPECT_EQ(row["participant_count"].GetInt(), 2);
  EXPECT_EQ(stats.orgs[0].max_last_modified, "2026-11-22T06:30:00Z");
  // Another org's watermark is untouched by acme's.
  EXPECT_EQ(watermarks.get("beta"), std::nullopt);
}

TEST_F(ExportReader, BadLinesAreCountedWithFileLineAndFieldAndTheRunGoesOn) {
  const WatermarkStore watermarks(dir_ / "watermarks");
  const auto lines = std::string(R"({"meeting_id":"m-9","org_id":"acme")") + "\n" +  // 1: truncated
                     with(kCompleted, R"("theme_id":"t-fixed")", R"("theme_id":"t-nope")") + "\n" +  // 2
                     kCompleted + "\n" +  // 3: good
                     with(kCompleted, "2026-11-20T10:00:00+01:00", "2026-11-20T10:00:00") + "\n" +  // 4
                     with(kCompleted, R"("actual_end":"2026-11-20T09:12:30Z",)", "") + "\n" +  // 5
                     with(kCompleted, R"("org_id":"acme")", R"("org_id":"zeta")") + "\n" +  // 6
                     with(kCompleted, R"("status":"completed")", R"("status":"done")") + "\n" +  // 7
                     with(kCompleted, R"("participants":3)", R"("participants":"3")") + "\n" +  // 8
                     with(kCompleted, R"(["adv-1","adv-2"])", "[]") + "\n" +  // 9
                     with(kCompleted, R"("status":"completed")", R"("status":"scheduled")")  // 10: broken only in
                         .replace(kCompleted.find("r-glass"), 7, "r-gone") + "\n";  // a field not exported
  const auto file = write("export.ndjson", lines);
  const auto stats = run(file, reference_, watermarks);
  EXPECT_EQ(stats.lines, 10U);
  EXPECT_EQ(stats.exported, 1U);
  EXPECT_EQ(stats.bad_lines, 9U);
  ASSERT_EQ(stats.problems.size(), 9U);
  const auto name = file.string();
  EXPECT_THAT(stats.problems[0], HasSubstr(name + ":1: (json): not valid JSON"));
  EXPECT_EQ(stats.problems[1], name + ":2: theme_id: unknown theme 't-nope'; add it to the reference data");
  EXPECT_THAT(stats.problems[2], HasSubstr(name + ":4: scheduled_start: '2026-11-20T10:00:00' is not an ISO-8601 "
                                                  "time with offset (no UTC offset)"));
  EXPECT_THAT(stats.problems[3], HasSubstr(name + ":5: actual_end: actual_start and actual_end come together"));
  EXPECT_THAT(stats.problems[4], HasSubstr(name + ":6: org_id: unknown organisation 'zeta'"));
  EXPECT_THAT(stats.problems[5], HasSubstr(name + ":7: status: unknown status 'done'"));
  EXPECT_THAT(stats.problems[6], HasSubstr(name + ":8: participants: must be a whole number"));
  EXPECT_THAT(stats.problems[7], HasSubstr(name + ":9: advisor_ids: must be a non-empty array"));
  EXPECT_THAT(stats.problems[8], HasSubstr(name + ":10: room_id: unknown room 'r-gone'"));
}

TEST_F(ExportReader, ReportsTheFirstHundredProblemsAndCountsAll) {
  const WatermarkStore watermarks(dir_ / "watermarks");
  std::string lines;
  for (int i = 0; i < 150; ++i) {
    lines += "not json\n";
  }
  const auto stats = run(write("export.ndjson", lines), reference_, watermarks);
  EXPECT_EQ(stats.bad_lines, 150U);
  EXPECT_EQ(stats.problems.size(), kMaxReportedProblems);
  EXPECT_THAT(stats.problems.back(), HasSubstr(":100: (json)"));
}

TEST_F(ExportReader, MissingExportFileIsAnError) {
  const WatermarkStore watermarks(dir_ / "watermarks");
  EXPECT_THROW(run(dir_ / "absent.ndjson", reference_, watermarks), Error);
}

}  // namespace
}  // namespace insights::meetings::test
