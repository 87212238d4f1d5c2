#include "producers/synthetic/availability_generator.h"

#include <map>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "producers/synthetic/reference_data.h"
#include "shared/util/error.h"
#include "tests/unit/synthetic/row_checks.h"

namespace insights::synthetic {
namespace {

using namespace std::chrono_literals;
using test::integer_of;
using test::text_of;
using test::time_of;

AvailabilityOptions options_for(std::string org) {
  AvailabilityOptions options;
  options.org = std::move(org);
  return options;
}

class AvailabilityRows : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rows_ = new std::vector<std::string>(test::collect_availability(options_for("bank-a")));
  }
  static void TearDownTestSuite() {
    delete rows_;
    rows_ = nullptr;
  }
  static const std::vector<std::string>& rows() { return *rows_; }

 private:
  static inline std::vector<std::string>* rows_ = nullptr;
};

TEST_F(AvailabilityRows, EmitsOneRowPerAdvisorHour) {
  EXPECT_EQ(availability_row_count(options_for("bank-a")), 2U * 5 * 24 * 60);
  EXPECT_EQ(rows().size(), availability_row_count(options_for("bank-a")));
  AvailabilityOptions small = options_for("bank-a");
  small.locations = 3;
  small.advisors_per_location = 2;
  small.days = 7;
  EXPECT_EQ(availability_row_count(small), 1008U);
  EXPECT_EQ(test::collect_availability(small).size(), 1008U);
  small.days = 0;
  EXPECT_TRUE(test::collect_availability(small).empty());
}

TEST(AvailabilityCount, DoesNotOverflowThirtyTwoBits) {
  AvailabilityOptions big;
  big.locations = 1000;
  big.advisors_per_location = 1000;
  big.days = 365;
  EXPECT_EQ(availability_row_count(big), 8'760'000'000ULL);
}

TEST_F(AvailabilityRows, EqualOptionsGiveIdenticalBytes) {
  EXPECT_EQ(test::collect_availability(options_for("bank-a")), rows());
}

TEST_F(AvailabilityRows, SeedAndOrgChangeTheData) {
  auto other = options_for("bank-a");
  other.seed = 2;
  EXPECT_NE(test::collect_availability(other), rows());
  const auto other_org = test::collect_availability(options_for("bank-b"));
  ASSERT_EQ(other_org.size(), rows().size());
  EXPECT_NE(other_org[8], rows()[8]);  // a working hour, unlike midnight
}

TEST_F(AvailabilityRows, ADayDoesNotDependOnTheWindowStart) {
  auto later = options_for("bank-a");
  later.start_date = "2026-11-30";
  later.days = 5;
  const auto window = test::collect_availability(later);
  ASSERT_EQ(window.size(), 2U * 5 * 24 * 5);
  // First advisor: 2026-11-30 is day 5 of the default window.
  for (std::size_t hour = 0; hour < 5 * 24; ++hour) {
    EXPECT_EQ(window[hour], rows()[5 * 24 + hour]);
  }
}

TEST_F(AvailabilityRows, EveryRowMatchesTheSchemaFields) {
  const auto rules = test::dataset_fields("availability");
  ASSERT_FALSE(rules.empty());
  for (const auto& row : rows()) {
    const auto parsed = test::parse_row(row);
    ASSERT_FALSE(parsed.HasParseError()) << row;
    const auto violations = test::schema_violations(parsed, rules);
    ASSERT_TRUE(violations.empty()) << fmt::format("{}\n{}", fmt::join(violations, "\n"), row);
  }
}

TEST_F(AvailabilityRows, RowsRunHourByHourPerAdvisorWithUniqueSlotIds) {
  const auto start = date::sys_days{date::year{2026} / 11 / 25};
  std::set<std::string> slot_ids;
  std::size_t index = 0;
  for (std::uint32_t location = 1; location <= 2; ++location) {
    for (std::uint32_t advisor = 1; advisor <= 5; ++advisor) {
      for (std::uint32_t hour = 0; hour < 24 * 60; ++hour, ++index) {
        const auto r = test::parse_row(rows()[index]);
        const auto location_id = fmt::format("loc-{}", location);
        const auto advisor_id = fmt::format("adv-{}-{}", location, advisor);
        ASSERT_EQ(text_of(r, "location_id"), location_id);
        ASSERT_EQ(text_of(r, "advisor_id"), advisor_id);
        ASSERT_EQ(time_of(r, "hour_start"), start + std::chrono::hours{hour});
        ASSERT_EQ(text_of(r, "slot_id"),
                  fmt::format("bank-a/{}/{}/{}", location_id, advisor_id, text_of(r, "hour_start")));
        slot_ids.insert(text_of(r, "slot_id"));
      }
    }
  }
  EXPECT_EQ(slot_ids.size(), rows().size());
}

TEST_F(AvailabilityRows, MinutesStatusAndReasonAgree) {
  const auto reasons = test::listed_values("availability", "reason");
  ASSERT_EQ(reasons.size(), 7U);
  const std::set<std::string> known(reasons.begin(), reasons.end());
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    const auto available = integer_of(r, "available_minutes");
    const auto booked = integer_of(r, "booked_minutes");
    const auto status = text_of(r, "status");
    const auto reason = text_of(r, "reason");
    ASSERT_GE(available, 0) << row;
    ASSERT_GE(booked, 0) << row;
    ASSERT_LE(available + booked, 60) << row;
    EXPECT_EQ(booked % 15, 0) << row;
    EXPECT_EQ(status, available == 60 ? "available" : available == 0 ? "unavailable" : "partially_available") << row;
    if (reason.empty()) {
      // Only a free hour or one whose missing minutes are all booked needs no reason.
      EXPECT_EQ(available + booked, 60) << row;
      EXPECT_NE(status, "unavailable") << row;
    } else {
      EXPECT_TRUE(known.count(reason)) << row;
      EXPECT_NE(status, "available") << row;
    }
    if (reason == "fully_booked") {
      EXPECT_EQ(available, 0) << row;
      EXPECT_GT(booked, 0) << row;
    }
  }
}

TEST_F(AvailabilityRows, ClosedOutsideOpeningHoursAndOnWeekends) {
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    const auto start = time_of(r, "hour_start");
    const auto day = date::floor<date::days>(start);
    const date::weekday weekday{day};
    const auto hour = std::chrono::duration_cast<std::chrono::hours>(start - day).count();
    if (hour < 8 || hour >= 17 || weekday == date::Saturday || weekday == date::Sunday) {
      EXPECT_EQ(text_of(r, "reason"), "closed") << row;
      EXPECT_EQ(text_of(r, "status"), "unavailable") << row;
      EXPECT_EQ(integer_of(r, "booked_minutes"), 0) << row;
    }
  }
}

TEST_F(AvailabilityRows, ChristmasIsAHoliday) {
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    if (text_of(r, "hour_start") == "2026-12-25T10:00:00Z") {
      EXPECT_EQ(text_of(r, "reason"), "holiday") << row;
    }
  }
}

TEST_F(AvailabilityRows, BookableTypesFitTheFreeMinutes) {
  std::map<std::string, std::uint32_t> durations;
  for (const auto& type : meeting_types()) {
    durations.emplace(type.name, type.duration_min);
  }
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    const auto available = integer_of(r, "available_minutes");
    const auto& types = r["bookable_meeting_types"];
    EXPECT_EQ(types.Empty(), available < 30) << row;
    for (const auto& type : types.GetArray()) {
      const auto known = durations.find(type.GetString());
      ASSERT_NE(known, durations.end()) << row;
      EXPECT_LE(known->second, available) << row;
    }
  }
}

TEST_F(AvailabilityRows, EveryReasonAndStatusOccurs) {
  std::set<std::string> reasons;
  std::set<std::string> statuses;
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    reasons.insert(text_of(r, "reason"));
    statuses.insert(text_of(r, "status"));
  }
  const auto listed = test::listed_values("availability", "reason");
  for (const auto& reason : listed) {
    EXPECT_TRUE(reasons.count(reason)) << "no row with reason " << reason;
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"available", "partially_available", "unavailable"}));
}

TEST(AvailabilityOptionsCheck, InvalidOrgOrStartDateIsRefused) {
  const auto no_rows = [](std::string_view) { FAIL() << "no row expected"; };
  EXPECT_THROW(generate_availability(options_for("bank.a"), no_rows), Error);
  auto options = options_for("bank-a");
  options.start_date = "2026-02-30";
  EXPECT_THROW(generate_availability(options, no_rows), Error);
}

// A load-test sized run: about a million rows, counted rather than kept.
TEST(AvailabilityVolume, GeneratesAMillionRowsOfValidJson) {
  AvailabilityOptions options = options_for("load-test");
  options.locations = 10;
  options.advisors_per_location = 50;
  options.days = 84;
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  std::string last;
  generate_availability(options, [&](std::string_view row) {
    ++rows;
    bytes += row.size();
    if (rows == availability_row_count(options)) {
      last = row;
    }
  });
  EXPECT_EQ(rows, 1'008'000U);
  EXPECT_GT(bytes, rows * 200);
  const auto parsed = test::parse_row(last);
  ASSERT_FALSE(parsed.HasParseError()) << last;
  EXPECT_EQ(text_of(parsed, "slot_id"), "load-test/loc-10/adv-10-50/2027-02-16T23:00:00Z");
}

}  // namespace
}  // namespace insights::synthetic
