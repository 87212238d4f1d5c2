#include "emulator/date_format.h"

#include <gtest/gtest.h>

namespace insights::emulator {
namespace {

constexpr std::string_view kIso = "yyyy-MM-dd'T'HH:mm:ss'Z'";

TEST(DateFormat, AcceptsOnlyListedPatterns) {
  EXPECT_TRUE(is_supported_date_format(kIso));
  EXPECT_TRUE(is_supported_date_format("MM/dd/yyyy hh:mm:ss a"));
  EXPECT_TRUE(is_supported_date_format("yyyy-MM-dd"));
  EXPECT_FALSE(is_supported_date_format("yyyy/MM/dd"));
  EXPECT_FALSE(is_supported_date_format("M/d/yyyy"));
}

TEST(DateFormat, MatchesIsoTimestamps) {
  EXPECT_TRUE(matches_date_format("2024-02-29T23:59:59Z", kIso));
  EXPECT_FALSE(matches_date_format("2023-02-29T10:00:00Z", kIso));  // not a leap year
  EXPECT_FALSE(matches_date_format("2024-13-01T10:00:00Z", kIso));
  EXPECT_FALSE(matches_date_format("2024-01-01T24:00:00Z", kIso));
  EXPECT_FALSE(matches_date_format("2024-01-01T10:00:00", kIso));
  EXPECT_FALSE(matches_date_format("2024-01-01T10:00:00Z extra", kIso));
  EXPECT_FALSE(matches_date_format("2024-1-01T10:00:00Z", kIso));  // doubled letters need leading zeros
  EXPECT_FALSE(matches_date_format("2024-01-01T10:00:00.000Z", kIso));
}

TEST(DateFormat, MatchesTwelveHourClockAndMilliseconds) {
  EXPECT_TRUE(matches_date_format("06/30/2014 09:01:26 PM", "MM/dd/yyyy hh:mm:ss a"));
  EXPECT_FALSE(matches_date_format("06/30/2014 13:01:26 PM", "MM/dd/yyyy hh:mm:ss a"));
  EXPECT_TRUE(matches_date_format("2024-05-01T10:00:00.123Z", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));
  EXPECT_TRUE(matches_date_format("3/6/14 9:1:26 AM", "M/d/yy h:m:s a"));
}

}  // namespace
}  // namespace insights::emulator
