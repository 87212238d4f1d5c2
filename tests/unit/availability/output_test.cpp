// Rows of realistic synthetic snapshots: determinism, the project's row validation, one row per real UTC hour.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <rapidjson/document.h>

#include "producers/availability/availability.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "tests/unit/schema/canonical_expectation.h"

namespace insights::availability {
namespace {

SyntheticSnapshotOptions small_options() {
  SyntheticSnapshotOptions options;
  options.orgs = {"acme", "northbank"};
  options.locations_per_org = 3;
  options.advisors_per_location = 3;
  options.seed = 7;
  return options;
}

std::string all_rows(const Snapshot& snapshot, const std::string& run_date) {
  std::string out;
  for (const auto& org : enabled_organisations(snapshot)) {
    simulate_organisation(snapshot, org, {run_date}, [&](std::string_view row) { out.append(row).push_back('\n'); });
  }
  return out;
}

TEST(Output, SyntheticSnapshotIsRealistic) {
  const auto snapshot = synthetic_snapshot(small_options());
  std::set<std::string> zones;
  std::size_t holidays = 0, absences = 0, breaks = 0, limits = 0, two_locations = 0;
  for (const auto& org : snapshot.organisations) {
    EXPECT_GT(org.bookings.size(), 100U);
    for (const auto& location : org.locations) {
      zones.insert(location.time_zone);
      holidays += location.holidays.size();
    }
    for (const auto& advisor : org.advisors) {
      absences += advisor.absences.size();
      breaks += advisor.breaks[0].size();
      limits += advisor.max_meetings_per_day > 0 ? 1 : 0;
      if (advisor.locations.size() == 2) {
        ++two_locations;
        EXPECT_TRUE(advisor.locations[0].working_hours[4].empty()) << advisor.id << " works Fridays elsewhere";
        EXPECT_EQ(advisor.locations[1].working_hours[4].size(), 1U) << advisor.id;
      }
    }
  }
  EXPECT_GE(zones.size(), 3U);
  EXPECT_TRUE(zones.count("Europe/Oslo") + zones.count("America/New_York") + zones.count("Europe/London") > 0);
  EXPECT_GT(holidays, 0U);
  EXPECT_GT(absences, 0U);
  EXPECT_GT(breaks, 0U);
  EXPECT_GT(limits, 0U);
  EXPECT_EQ(two_locations, 6U);  // the first advisor of each of 2 x 3 locations
}

TEST(Output, SameSnapshotAndRunDateGiveIdenticalBytes) {
  const auto snapshot = synthetic_snapshot(small_options());
  EXPECT_EQ(snapshot_to_json(snapshot), snapshot_to_json(synthetic_snapshot(small_options())));
  const auto first = all_rows(snapshot, "2026-11-24");
  EXPECT_EQ(first, all_rows(snapshot, "2026-11-24"));
  // The same snapshot read back from its file form.
  EXPECT_EQ(first, all_rows(parse_snapshot(snapshot_to_json(snapshot), "synthetic"), "2026-11-24"));
  EXPECT_NE(first, all_rows(snapshot, "2026-11-25"));
}

TEST(Output, EveryRowPassesTheProjectsRowValidation) {
  const auto snapshot = synthetic_snapshot(small_options());
  schema::RowToCsv to_csv(schema::schema().dataset("availability"));
  schema::RecordDecoder decoder;
  std::string csv;
  std::uint64_t rows = 0;
  std::map<std::string, std::uint64_t> reasons;
  for (const auto& org : enabled_organisations(snapshot)) {
    const schema::JobKey job{org, "availability", "20261124T233000Z"};
    const auto count = simulate_organisation(snapshot, org, {"2026-11-24"}, [&](std::string_view row) {
      rapidjson::Document doc;
      doc.Parse(row.data(), row.size());
      ASSERT_FALSE(doc.HasParseError()) << row;
      csv.clear();
      ASSERT_NO_THROW(to_csv.append(doc, csv)) << row;
      schema::expect_canonical(decoder, job, row, csv);
      ++reasons[doc["reason"].GetString()];
      ++rows;
    });
    EXPECT_EQ(count, organisation_row_count(snapshot, org, {"2026-11-24"}));
  }
  EXPECT_GT(rows, 0U);
  // A realistic snapshot shows every reason at least once.
  for (const auto* reason : {"", "holiday", "closed", "absence", "outside_working_hours", "break", "fully_booked",
                             "daily_maximum_reached"}) {
    EXPECT_GT(reasons[reason], 0U) << "no row with reason '" << reason << "'";
  }
}

TEST(Output, EachAdvisorLocationHasOneRowPerRealUtcHourWithoutRepeats) {
  auto options = small_options();
  options.run_date = "2027-03-10";  // spans the spring-forward days in Europe and America
  const auto snapshot = synthetic_snapshot(options);
  std::map<std::string, std::vector<std::string>> hours_by_series;
  std::set<std::string> slot_ids;
  const std::string rows = all_rows(snapshot, options.run_date);
  std::size_t start = 0;
  while (start < rows.size()) {
    const auto end = rows.find('\n', start);
    rapidjson::Document doc;
    doc.Parse(rows.data() + start, end - start);
    start = end + 1;
    const std::string series = std::string(doc["org_id"].GetString()) + "/" + doc["location_id"].GetString() + "/" +
                               doc["advisor_id"].GetString();
    hours_by_series[series].push_back(doc["hour_start"].GetString());
    EXPECT_TRUE(slot_ids.insert(doc["slot_id"].GetString()).second) << "repeated " << doc["slot_id"].GetString();
  }
  std::set<std::size_t> lengths;
  for (const auto& [series, hours] : hours_by_series) {
    lengths.insert(hours.size());
    for (std::size_t i = 1; i < hours.size(); ++i) {
      // Consecutive UTC hours: the hour field differs by one (mod 24) for every row.
      const int before = std::stoi(hours[i - 1].substr(11, 2));
      const int now = std::stoi(hours[i].substr(11, 2));
      ASSERT_EQ((before + 1) % 24, now) << series << " at " << hours[i];
      ASSERT_EQ(hours[i].substr(13), ":00:00Z");
    }
  }
  // 60 local days: 1439 hours with a spring-forward (Europe, America), 1441 with a fall-back (Australia in
  // April), 1440 without a change (Asia/Tokyo).
  EXPECT_EQ(lengths, (std::set<std::size_t>{1439, 1440, 1441}));
}

}  // namespace
}  // namespace insights::availability
