// Hand-checked rows for each reason, in Europe/Oslo in winter (CET, UTC+1): local 09:00 is 08:00Z.
#include <gtest/gtest.h>

#include "producers/availability/time_text.h"
#include "shared/util/error.h"
#include "tests/unit/availability/scenario.h"

namespace insights::availability::test {
namespace {

constexpr auto kBoth = "available 60 0 - short-30,long-60";
constexpr auto kOutside = "unavailable 0 0 outside_working_hours -";

// Tuesday 2026-12-01 and on; the advisor works weekdays 09:00-17:00.
Organisation office_hours(std::uint32_t days) {
  auto org = basic_organisation();
  org.settings.horizon_days = days;
  org.advisors[0].locations[0].working_hours = weekdays("09:00-17:00");
  return org;
}

TEST(Reasons, ClosedDateAndHolidayBlockWholeLocalDays) {
  auto org = basic_organisation();
  org.settings.horizon_days = 3;
  org.locations[0].opening_hours = every_day("09:00-17:00");
  org.locations[0].closed_dates = {parse_date("2026-12-24")};
  org.locations[0].holidays = {{parse_date("2026-12-25"), "Christmas Day"}};
  org.advisors[0].locations[0].working_hours = every_day("09:00-17:00");
  org.advisors[0].absences = {{local("2026-12-25T10:00"), local("2026-12-25T12:00"), "doctor"}};  // holiday wins
  const auto expected = concat({
      hours("2026-12-23T23", 24, "unavailable 0 0 closed -"),   // Thu 24th, closed date
      hours("2026-12-24T23", 24, "unavailable 0 0 holiday -"),  // Fri 25th, holiday
      hours("2026-12-25T23", 9, "unavailable 0 0 closed -"),    // Sat 26th 00:00-09:00, before opening
      hours("2026-12-26T08", 8, kBoth),                         // 09:00-17:00
      hours("2026-12-26T16", 7, "unavailable 0 0 closed -"),    // 17:00-24:00
  });
  EXPECT_EQ(brief_rows(snapshot_of(org), "acme", "2026-12-23"), expected);
}

TEST(Reasons, AbsenceFromTuesday1400ToThursday1000) {
  auto org = office_hours(3);
  org.advisors[0].absences = {{local("2026-12-01T14:00"), local("2026-12-03T10:00"), "course"}};
  const auto expected = concat({
      hours("2026-11-30T23", 9, kOutside),                        // Tue 00:00-09:00
      hours("2026-12-01T08", 5, kBoth),                           // Tue 09:00-14:00
      hours("2026-12-01T13", 10, "unavailable 0 0 absence -"),    // Tue 14:00-24:00
      hours("2026-12-01T23", 24, "unavailable 0 0 absence -"),    // Wed, absence outranks outside working hours
      hours("2026-12-02T23", 10, "unavailable 0 0 absence -"),    // Thu 00:00-10:00
      hours("2026-12-03T09", 7, kBoth),                           // Thu 10:00-17:00
      hours("2026-12-03T16", 7, kOutside),                        // Thu 17:00-24:00
  });
  EXPECT_EQ(brief_rows(snapshot_of(org), "acme", "2026-11-30"), expected);
}

TEST(Reasons, FortyFiveMinuteBookingMakesTheHourPartiallyAvailable) {
  auto org = office_hours(1);
  org.bookings = {booking("b-1", "oslo", "long-60", "2026-12-01T10:00", "2026-12-01T10:45")};
  const auto expected = concat({
      hours("2026-11-30T23", 9, kOutside),
      hours("2026-12-01T08", 1, kBoth),
      {"2026-12-01T09:00:00Z partially_available 15 45 fully_booked short-30,long-60"},  // free from 10:45 on
      hours("2026-12-01T10", 6, kBoth),
      hours("2026-12-01T16", 7, kOutside),
  });
  EXPECT_EQ(brief_rows(snapshot_of(org), "acme", "2026-11-30"), expected);
}

TEST(Reasons, MeetingTypeNoLongerFits) {
  // 09:00-12:00 with bookings 09:00-09:45 and 10:30-12:00 leaves 09:45-10:30 free: 45 minutes fit short-30, not
  // long-60, whose 45 minutes need 15 more of buffer. A span may run past the end of the hour it starts in.
  auto org = office_hours(1);
  org.advisors[0].locations[0].working_hours = weekdays("09:00-12:00");
  org.bookings = {booking("b-1", "oslo", "long-60", "2026-12-01T09:00", "2026-12-01T09:45"),
                  booking("b-2", "oslo", "short-30", "2026-12-01T10:30", "2026-12-01T12:00")};
  const auto expected = concat({
      hours("2026-11-30T23", 9, kOutside),
      {"2026-12-01T08:00:00Z partially_available 15 45 fully_booked short-30",
       "2026-12-01T09:00:00Z partially_available 30 30 fully_booked short-30",
       "2026-12-01T10:00:00Z unavailable 0 60 fully_booked -"},
      hours("2026-12-01T11", 12, kOutside),
  });
  EXPECT_EQ(brief_rows(snapshot_of(org), "acme", "2026-11-30"), expected);

  org.bookings.pop_back();  // without the second booking long-60 fits again
  EXPECT_EQ(brief_rows(snapshot_of(org), "acme", "2026-11-30")[9],
            "2026-12-01T08:00:00Z partially_available 15 45 fully_booked short-30,long-60");
}

TEST(Reasons, DailyMaximumReachedBlocksTheRestOfThatDayOnly) {
  auto org = office_hours(2);
  org.advisors[0].max_meetings_per_day = 2;
  org.bookings = {booking("b-1", "oslo", "short-30", "2026-12-01T09:00", "2026-12-01T09:30"),
                  booking("b-2", "oslo", "short-30", "2026-12-01T13:00", "2026-12-01T13:30")};
  const auto expected = concat({
      hours("2026-11-30T23", 9, kOutside),
      {"2026-12-01T08:00:00Z unavailable 0 30 fully_booked -"},
      hours("2026-12-01T09", 3, "unavailable 0 0 daily_maximum_reached -"),
      {"2026-12-01T12:00:00Z unavailable 0 30 fully_booked -"},
      hours("2026-12-01T13", 3, "unavailable 0 0 daily_maximum_reached -"),
      hours("2026-12-01T16", 7, kOutside),
      hours("2026-12-01T23", 9, kOutside),  // Wednesday has no bookings
      hours("2026-12-02T08", 8, kBoth),
      hours("2026-12-02T16", 7, kOutside),
  });
  EXPECT_EQ(brief_rows(snapshot_of(org), "acme", "2026-11-30"), expected);
}

TEST(Reasons, AdvisorServingTwoLocationsIsBusyAtBothWhenBookedAtOne) {
  auto org = office_hours(1);
  Location bergen = org.locations[0];
  bergen.id = "bergen";
  org.locations.push_back(bergen);
  org.advisors[0].locations = {{"oslo", weekdays("09:00-12:00")}, {"bergen", weekdays("11:00-16:00")}};
  org.bookings = {booking("b-1", "oslo", "short-30", "2026-12-01T11:00", "2026-12-01T11:30"),
                  booking("b-2", "bergen", "long-60", "2026-12-01T14:00", "2026-12-01T15:00")};
  const auto rows = brief_rows(snapshot_of(org), "acme", "2026-11-30");
  const auto expected_oslo = concat({
      hours("2026-11-30T23", 9, kOutside),
      hours("2026-12-01T08", 2, kBoth),
      {"2026-12-01T10:00:00Z partially_available 30 30 fully_booked short-30"},  // 11:30-12:00 left
      hours("2026-12-01T11", 12, kOutside),
  });
  const auto expected_bergen = concat({
      hours("2026-11-30T23", 11, kOutside),
      {"2026-12-01T10:00:00Z partially_available 30 0 fully_booked short-30,long-60"},  // booked in Oslo
      hours("2026-12-01T11", 2, kBoth),
      {"2026-12-01T13:00:00Z unavailable 0 60 fully_booked -"},
      hours("2026-12-01T14", 1, kBoth),
      hours("2026-12-01T15", 8, kOutside),
  });
  EXPECT_EQ(rows, concat({expected_oslo, expected_bergen}));
  const auto raw = raw_rows(snapshot_of(org), "acme", "2026-11-30");
  EXPECT_NE(raw[0].find(R"("slot_id":"acme/oslo/adv-1/2026-11-30T23:00:00Z")"), std::string::npos) << raw[0];
  EXPECT_NE(raw[24].find(R"("slot_id":"acme/bergen/adv-1/2026-11-30T23:00:00Z")"), std::string::npos) << raw[24];
}

TEST(Reasons, PrecedencePicksTheHighestCauseInTheHour) {
  auto org = office_hours(1);
  org.locations[0].opening_hours = every_day("08:00-16:30");
  org.advisors[0].breaks = weekdays("12:00-12:30");
  org.bookings = {booking("b-1", "oslo", "short-30", "2026-12-01T12:30", "2026-12-01T13:00"),
                  booking("b-2", "oslo", "short-30", "2026-12-01T16:00", "2026-12-01T16:30")};
  const auto rows = brief_rows(snapshot_of(org), "acme", "2026-11-30");
  EXPECT_EQ(rows[8], "2026-12-01T07:00:00Z unavailable 0 0 outside_working_hours -");  // open, not working
  EXPECT_EQ(rows[12], "2026-12-01T11:00:00Z unavailable 0 30 break -");               // break > booked
  EXPECT_EQ(rows[16], "2026-12-01T15:00:00Z unavailable 0 30 closed -");              // closed > booked
}

TEST(Organisations, InsightsDisabledProducesNothing) {
  auto enabled = basic_organisation();
  auto disabled = basic_organisation();
  disabled.id = "beta";
  disabled.insights_enabled = false;
  Snapshot snapshot;
  snapshot.organisations = {enabled, disabled};
  EXPECT_EQ(enabled_organisations(snapshot), std::vector<std::string>{"acme"});
  int emitted = 0;
  EXPECT_EQ(simulate_organisation(snapshot, "beta", {"2026-11-30"}, [&](std::string_view) { ++emitted; }), 0U);
  EXPECT_EQ(emitted, 0);
  EXPECT_EQ(organisation_row_count(snapshot, "beta", {"2026-11-30"}), 0U);
  EXPECT_EQ(organisation_row_count(snapshot, "acme", {"2026-11-30"}), 24U);
}

TEST(Organisations, UnknownOrganisationAndBadRunDateAreErrors) {
  const auto snapshot = snapshot_of(basic_organisation());
  const auto ignore = [](std::string_view) {};
  EXPECT_THROW(simulate_organisation(snapshot, "nobody", {"2026-11-30"}, ignore), Error);
  EXPECT_THROW(simulate_organisation(snapshot, "acme", {"2026-11-31"}, ignore), Error);
  EXPECT_THROW(simulate_organisation(snapshot, "acme", {"30.11.2026"}, ignore), Error);
}

}  // namespace
}  // namespace insights::availability::test
