#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "producers/availability/availability.h"
#include "producers/availability/time_text.h"
#include "shared/util/error.h"

namespace insights::availability {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// Two organisations so that errors in the second one show the index in the path.
std::string valid_snapshot(std::string_view second_zone = "America/New_York") {
  return std::string(R"({"version": 1, "organisations": [
  {"id": "acme", "insights_enabled": true,
   "meeting_types": [{"id": "advice-30", "duration_minutes": 30, "buffer_minutes": 5}],
   "locations": [{"id": "oslo", "time_zone": "Europe/Oslo", "opening_hours": {"monday": ["08:00-16:00"]}}],
   "advisors": [{"id": "adv-1", "locations": [{"location_id": "oslo", "working_hours": {"monday": ["09:00-15:00"]}}],
                 "breaks": {"monday": ["12:00-12:30"]}, "meeting_types": ["advice-30"]}],
   "bookings": [{"id": "b-1", "advisor_id": "adv-1", "location_id": "oslo", "meeting_type": "advice-30",
                 "start": "2026-11-30T09:00", "end": "2026-11-30T09:30"}]},
  {"id": "beta", "insights_enabled": false, "settings": {"horizon_days": 7},
   "meeting_types": [],
   "locations": [{"id": "ny", "time_zone": ")") +
         std::string(second_zone) + R"(", "opening_hours": {}}],
   "advisors": []}
]})";
}

std::string error_of(std::string_view json) {
  try {
    parse_snapshot(json, "night.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::invalid_argument(std::string(from));
  return text.replace(at, from.size(), to);
}

TEST(SnapshotParser, ReadsAValidSnapshot) {
  const auto snapshot = parse_snapshot(valid_snapshot(), "night.json");
  ASSERT_EQ(snapshot.organisations.size(), 2U);
  const auto& acme = snapshot.organisations[0];
  EXPECT_TRUE(acme.insights_enabled);
  EXPECT_EQ(acme.settings.horizon_days, 60U);
  EXPECT_EQ(acme.settings.granularity_minutes, 60U);
  EXPECT_EQ(acme.meeting_types[0].buffer_minutes, 5U);
  EXPECT_EQ(acme.locations[0].opening_hours[0], (std::vector<ClockRange>{{480, 960}}));
  EXPECT_EQ(acme.advisors[0].breaks[0], (std::vector<ClockRange>{{720, 750}}));
  EXPECT_EQ(acme.bookings[0].start, parse_moment("2026-11-30T09:00", false));
  EXPECT_FALSE(acme.bookings[0].start.utc);
  EXPECT_EQ(snapshot.organisations[1].settings.horizon_days, 7U);
}

TEST(SnapshotParser, BadTimeZoneNamesFileLocationAndProblem) {
  EXPECT_THAT(error_of(valid_snapshot("Europe/Olso")),
              AllOf(HasSubstr("night.json"), HasSubstr("organisations[1].locations[0].time_zone"),
                    HasSubstr("unknown time zone 'Europe/Olso'")));
}

TEST(SnapshotParser, InvalidJsonNamesLineAndColumn) {
  EXPECT_THAT(error_of("{\"version\": 1,\n  \"organisations\": [}"),
              AllOf(HasSubstr("night.json"), HasSubstr("line 2, column 21"), HasSubstr("not valid JSON")));
}

TEST(SnapshotParser, ProblemsAreReportedWhereTheyAre) {
  const auto json = valid_snapshot();
  EXPECT_THAT(error_of(replaced(json, R"("12:00-12:30")", R"("12:30-12:00")")),
              AllOf(HasSubstr("organisations[0].advisors[0].breaks.monday[0]"), HasSubstr("ends before it starts")));
  EXPECT_THAT(error_of(replaced(json, R"("09:00-15:00")", R"("9-15")")),
              AllOf(HasSubstr("organisations[0].advisors[0].locations[0].working_hours.monday[0]"),
                    HasSubstr("HH:MM-HH:MM")));
  EXPECT_THAT(error_of(replaced(json, R"("location_id": "oslo", "working)", R"("location_id": "bergen", "working)")),
              AllOf(HasSubstr("organisations[0].advisors[0].locations[0].location_id"),
                    HasSubstr("unknown location 'bergen'")));
  EXPECT_THAT(error_of(replaced(json, R"("meeting_type": "advice-30")", R"("meeting_type": "advice-60")")),
              AllOf(HasSubstr("organisations[0].bookings[0].meeting_type"), HasSubstr("unknown meeting type")));
  EXPECT_THAT(error_of(replaced(json, R"("end": "2026-11-30T09:30")", R"("end": "2026-11-30T08:30")")),
              AllOf(HasSubstr("organisations[0].bookings[0].end"), HasSubstr("ends before it starts")));
  EXPECT_THAT(error_of(replaced(json, R"("start": "2026-11-30T09:00")", R"("start": "2026-11-31T09:00")")),
              AllOf(HasSubstr("organisations[0].bookings[0].start"), HasSubstr("not a calendar date")));
  EXPECT_THAT(error_of(replaced(json, R"("insights_enabled": false)", R"("insights_enabled": "no")")),
              AllOf(HasSubstr("organisations[1].insights_enabled"), HasSubstr("expected true or false")));
  EXPECT_THAT(error_of(replaced(json, R"("horizon_days": 7)", R"("horizon_days": 0)")),
              AllOf(HasSubstr("organisations[1].settings.horizon_days"), HasSubstr("outside 1..400")));
  EXPECT_THAT(error_of(replaced(json, R"("id": "beta")", R"("id": "acme")")),
              AllOf(HasSubstr("organisations[1]"), HasSubstr("duplicate organisation id 'acme'")));
  EXPECT_THAT(error_of(replaced(json, R"("id": "beta")", R"("id": "be/ta")")),
              AllOf(HasSubstr("organisations[1].id"), HasSubstr("may only contain")));
  EXPECT_THAT(error_of(replaced(json, R"("opening_hours": {}})", R"("openinghours": {}})")),
              AllOf(HasSubstr("organisations[1].locations[0]"), HasSubstr("unknown member 'openinghours'")));
  EXPECT_THAT(error_of(replaced(json, R"("version": 1)", R"("version": 2)")),
              AllOf(HasSubstr("at version"), HasSubstr("version 2 is not supported")));
  EXPECT_THAT(error_of(replaced(json, R"("advisors": []})", R"("advisors": {}})")),
              AllOf(HasSubstr("organisations[1].advisors"), HasSubstr("expected an array")));
}

TEST(SnapshotParser, MissingFileIsAnError) {
  EXPECT_THAT([] { load_snapshot("/nonexistent/snapshot.json"); },
              ::testing::ThrowsMessage<Error>(HasSubstr("/nonexistent/snapshot.json")));
}

TEST(SnapshotParser, DocumentedExampleLoadsAndSimulates) {
  const auto snapshot = load_snapshot(INSIGHTS_SNAPSHOT_EXAMPLE);
  EXPECT_EQ(enabled_organisations(snapshot), std::vector<std::string>{"acme"});
  std::uint64_t emitted = 0;
  const auto rows = simulate_organisation(snapshot, "acme", {"2026-11-24"}, [&](std::string_view) { ++emitted; });
  // Two exported locations with one advisor each (Kari's Bergen Fridays are not exported), 60 days of 24 hours.
  EXPECT_EQ(rows, 2U * 60 * 24);
  EXPECT_EQ(emitted, rows);
}

TEST(SnapshotWriter, RoundTripsThroughTheParser) {
  const auto snapshot = load_snapshot(INSIGHTS_SNAPSHOT_EXAMPLE);
  const auto json = snapshot_to_json(snapshot);
  EXPECT_EQ(snapshot_to_json(parse_snapshot(json, "written")), json);
}

}  // namespace
}  // namespace insights::availability
