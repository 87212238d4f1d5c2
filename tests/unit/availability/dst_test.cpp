// Local days of 23 and 25 hours: every row is one real UTC hour, none skipped, none invented, none twice.
#include <gtest/gtest.h>

#include "tests/unit/availability/scenario.h"

namespace insights::availability::test {
namespace {

constexpr auto kFree = " available 60 0 - short-30,long-60";
constexpr auto kLunch = " partially_available 30 0 break short-30,long-60";
constexpr auto kNight = " unavailable 0 0 break -";

// Works around the clock with a night break in the hour that DST changes and a lunch break at 12:00.
Snapshot dst_day(const std::string& zone, std::string_view night_break) {
  auto org = basic_organisation(zone);
  org.advisors[0].breaks = every_day(night_break);
  for (auto& day : org.advisors[0].breaks) day.push_back({12 * 60, 12 * 60 + 30});
  return snapshot_of(org);
}

std::vector<std::string> rows(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<std::string> out;
  for (const auto& [hour, rest] : list) out.push_back(std::string(hour) + rest);
  return out;
}

TEST(Dst, OsloSpringForwardDayHas23Hours) {
  // 2027-03-28: 02:00 CET jumps to 03:00 CEST (01:00Z). The 02:00-03:00 break does not exist that night.
  const auto expected = rows({
      {"2027-03-27T23:00:00Z", kFree},   // 00:00 CET
      {"2027-03-28T00:00:00Z", kFree},   // 01:00 CET
      {"2027-03-28T01:00:00Z", kFree},   // 03:00 CEST
      {"2027-03-28T02:00:00Z", kFree},  {"2027-03-28T03:00:00Z", kFree}, {"2027-03-28T04:00:00Z", kFree},
      {"2027-03-28T05:00:00Z", kFree},  {"2027-03-28T06:00:00Z", kFree}, {"2027-03-28T07:00:00Z", kFree},
      {"2027-03-28T08:00:00Z", kFree},  {"2027-03-28T09:00:00Z", kFree},
      {"2027-03-28T10:00:00Z", kLunch},  // 12:00 CEST
      {"2027-03-28T11:00:00Z", kFree},  {"2027-03-28T12:00:00Z", kFree}, {"2027-03-28T13:00:00Z", kFree},
      {"2027-03-28T14:00:00Z", kFree},  {"2027-03-28T15:00:00Z", kFree}, {"2027-03-28T16:00:00Z", kFree},
      {"2027-03-28T17:00:00Z", kFree},  {"2027-03-28T18:00:00Z", kFree}, {"2027-03-28T19:00:00Z", kFree},
      {"2027-03-28T20:00:00Z", kFree},
      {"2027-03-28T21:00:00Z", kFree},   // 23:00 CEST
  });
  ASSERT_EQ(expected.size(), 23U);
  EXPECT_EQ(brief_rows(dst_day("Europe/Oslo", "02:00-03:00"), "acme", "2027-03-27"), expected);
}

TEST(Dst, OsloFallBackDayHas25Hours) {
  // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00Z). The 02:00-03:00 break covers both 02:00 hours.
  const auto expected = rows({
      {"2026-10-24T22:00:00Z", kFree},   // 00:00 CEST
      {"2026-10-24T23:00:00Z", kFree},   // 01:00 CEST
      {"2026-10-25T00:00:00Z", kNight},  // 02:00 CEST
      {"2026-10-25T01:00:00Z", kNight},  // 02:00 CET
      {"2026-10-25T02:00:00Z", kFree},   // 03:00 CET
      {"2026-10-25T03:00:00Z", kFree},  {"2026-10-25T04:00:00Z", kFree}, {"2026-10-25T05:00:00Z", kFree},
      {"2026-10-25T06:00:00Z", kFree},  {"2026-10-25T07:00:00Z", kFree}, {"2026-10-25T08:00:00Z", kFree},
      {"2026-10-25T09:00:00Z", kFree},  {"2026-10-25T10:00:00Z", kFree},
      {"2026-10-25T11:00:00Z", kLunch},  // 12:00 CET
      {"2026-10-25T12:00:00Z", kFree},  {"2026-10-25T13:00:00Z", kFree}, {"2026-10-25T14:00:00Z", kFree},
      {"2026-10-25T15:00:00Z", kFree},  {"2026-10-25T16:00:00Z", kFree}, {"2026-10-25T17:00:00Z", kFree},
      {"2026-10-25T18:00:00Z", kFree},  {"2026-10-25T19:00:00Z", kFree}, {"2026-10-25T20:00:00Z", kFree},
      {"2026-10-25T21:00:00Z", kFree},
      {"2026-10-25T22:00:00Z", kFree},   // 23:00 CET
  });
  ASSERT_EQ(expected.size(), 25U);
  EXPECT_EQ(brief_rows(dst_day("Europe/Oslo", "02:00-03:00"), "acme", "2026-10-24"), expected);
}

TEST(Dst, NewYorkSpringForwardDayHas23Hours) {
  // 2027-03-14: 02:00 EST jumps to 03:00 EDT (07:00Z). The 01:00-02:00 break ends at the jump.
  const auto expected = rows({
      {"2027-03-14T05:00:00Z", kFree},   // 00:00 EST
      {"2027-03-14T06:00:00Z", kNight},  // 01:00 EST
      {"2027-03-14T07:00:00Z", kFree},   // 03:00 EDT
      {"2027-03-14T08:00:00Z", kFree},  {"2027-03-14T09:00:00Z", kFree}, {"2027-03-14T10:00:00Z", kFree},
      {"2027-03-14T11:00:00Z", kFree},  {"2027-03-14T12:00:00Z", kFree}, {"2027-03-14T13:00:00Z", kFree},
      {"2027-03-14T14:00:00Z", kFree},  {"2027-03-14T15:00:00Z", kFree},
      {"2027-03-14T16:00:00Z", kLunch},  // 12:00 EDT
      {"2027-03-14T17:00:00Z", kFree},  {"2027-03-14T18:00:00Z", kFree}, {"2027-03-14T19:00:00Z", kFree},
      {"2027-03-14T20:00:00Z", kFree},  {"2027-03-14T21:00:00Z", kFree}, {"2027-03-14T22:00:00Z", kFree},
      {"2027-03-14T23:00:00Z", kFree},  {"2027-03-15T00:00:00Z", kFree}, {"2027-03-15T01:00:00Z", kFree},
      {"2027-03-15T02:00:00Z", kFree},
      {"2027-03-15T03:00:00Z", kFree},   // 23:00 EDT
  });
  ASSERT_EQ(expected.size(), 23U);
  EXPECT_EQ(brief_rows(dst_day("America/New_York", "01:00-02:00"), "acme", "2027-03-13"), expected);
}

TEST(Dst, NewYorkFallBackDayHas25Hours) {
  // 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00Z). The 01:00-02:00 break covers both 01:00 hours.
  const auto expected = rows({
      {"2026-11-01T04:00:00Z", kFree},   // 00:00 EDT
      {"2026-11-01T05:00:00Z", kNight},  // 01:00 EDT
      {"2026-11-01T06:00:00Z", kNight},  // 01:00 EST
      {"2026-11-01T07:00:00Z", kFree},   // 02:00 EST
      {"2026-11-01T08:00:00Z", kFree},  {"2026-11-01T09:00:00Z", kFree}, {"2026-11-01T10:00:00Z", kFree},
      {"2026-11-01T11:00:00Z", kFree},  {"2026-11-01T12:00:00Z", kFree}, {"2026-11-01T13:00:00Z", kFree},
      {"2026-11-01T14:00:00Z", kFree},  {"2026-11-01T15:00:00Z", kFree}, {"2026-11-01T16:00:00Z", kFree},
      {"2026-11-01T17:00:00Z", kLunch},  // 12:00 EST
      {"2026-11-01T18:00:00Z", kFree},  {"2026-11-01T19:00:00Z", kFree}, {"2026-11-01T20:00:00Z", kFree},
      {"2026-11-01T21:00:00Z", kFree},  {"2026-11-01T22:00:00Z", kFree}, {"2026-11-01T23:00:00Z", kFree},
      {"2026-11-02T00:00:00Z", kFree},  {"2026-11-02T01:00:00Z", kFree}, {"2026-11-02T02:00:00Z", kFree},
      {"2026-11-02T03:00:00Z", kFree},
      {"2026-11-02T04:00:00Z", kFree},   // 23:00 EST
  });
  ASSERT_EQ(expected.size(), 25U);
  EXPECT_EQ(brief_rows(dst_day("America/New_York", "01:00-02:00"), "acme", "2026-10-31"), expected);
}

TEST(Dst, WallClockTimeInsideTheSkippedHourMapsToTheChange) {
  // 02:30 does not exist on 2027-03-28 in Oslo: a break 02:30-03:30 runs from the change (01:00Z, 03:00 CEST) to
  // 03:30 CEST (01:30Z).
  const auto got = brief_rows(dst_day("Europe/Oslo", "02:30-03:30"), "acme", "2027-03-27");
  ASSERT_EQ(got.size(), 23U);
  EXPECT_EQ(got[1], "2027-03-28T00:00:00Z available 60 0 - short-30,long-60");
  EXPECT_EQ(got[2], "2027-03-28T01:00:00Z partially_available 30 0 break short-30,long-60");
  EXPECT_EQ(got[3], "2027-03-28T02:00:00Z available 60 0 - short-30,long-60");
}

TEST(Dst, HorizonOfSeveralDaysAcrossTheChangeHasNoGapsOrRepeats) {
  // 2026-10-24..26 in Oslo: 24 + 25 + 24 hours, consecutive UTC hours from 2026-10-23T22:00Z.
  auto org = basic_organisation("Europe/Oslo");
  org.settings.horizon_days = 3;
  const auto got = brief_rows(snapshot_of(org), "acme", "2026-10-23");
  EXPECT_EQ(got, hours("2026-10-23T22", 73, "available 60 0 - short-30,long-60"));
}

}  // namespace
}  // namespace insights::availability::test
