#include "producers/meetings/iso_time.h"

#include <gtest/gtest.h>

#include "producers/synthetic/utc_time.h"
#include "shared/util/error.h"

namespace insights::meetings {
namespace {

std::string utc(std::string_view text) {
  return std::string(synthetic::as_view(synthetic::format_utc_timestamp(parse_iso_time(text))));
}

TEST(IsoTime, NormalisesOffsetsToUtc) {
  EXPECT_EQ(utc("2026-11-24T09:30:00Z"), "2026-11-24T09:30:00Z");
  EXPECT_EQ(utc("2026-11-24T09:30:00+01:00"), "2026-11-24T08:30:00Z");
  EXPECT_EQ(utc("2026-06-01T00:15:00+02:00"), "2026-05-31T22:15:00Z");  // back across midnight and a month
  EXPECT_EQ(utc("2026-12-31T20:00:00-05:00"), "2027-01-01T01:00:00Z");  // forward across a year
  EXPECT_EQ(utc("2026-03-10T10:00:00+0530"), "2026-03-10T04:30:00Z");
  EXPECT_EQ(utc("2024-02-29T23:59:59.999+00:00"), "2024-02-29T23:59:59Z");  // fraction truncated
}

TEST(IsoTime, RefusesTimesWithoutOffsetOrImpossible) {
  for (const char* bad : {"2026-11-24T09:30:00", "2026-11-24 09:30:00Z", "2026-02-30T09:30:00Z",
                          "2026-11-24T24:00:00Z", "2026-11-24T09:30:00+1:00", "2026-11-24T09:30:00.Z", "", "yesterday",
                          "2026-11-24T09:30:00+01:00 "}) {
    EXPECT_THROW(parse_iso_time(bad), Error) << bad;
  }
}

TEST(IsoTime, CanonicalUtc) {
  EXPECT_TRUE(is_canonical_utc("2026-11-24T09:30:00Z"));
  EXPECT_FALSE(is_canonical_utc("2026-11-24T09:30:00+00:00"));
  EXPECT_FALSE(is_canonical_utc("2026-11-24T09:30:00.5Z"));
  EXPECT_FALSE(is_canonical_utc("2026-11-31T09:30:00Z"));
}

}  // namespace
}  // namespace insights::meetings
