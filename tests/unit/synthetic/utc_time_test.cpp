#include "producers/synthetic/utc_time.h"

#include <gtest/gtest.h>

#include "shared/util/error.h"

namespace insights::synthetic {
namespace {

using namespace std::chrono_literals;

TEST(UtcTime, FormatsTimestampsWithZuluSuffix) {
  EXPECT_EQ(as_view(format_utc_timestamp(UtcSeconds{0s})), "1970-01-01T00:00:00Z");
  const auto time = date::sys_days{date::year{2026} / 2 / 28} + 23h + 5min + 9s;
  EXPECT_EQ(as_view(format_utc_timestamp(time)), "2026-02-28T23:05:09Z");
}

TEST(UtcTime, ParsesWhatItFormats) {
  const auto time = parse_utc_timestamp("2026-11-24T23:30:00Z", "as_of");
  EXPECT_EQ(time, date::sys_days{date::year{2026} / 11 / 24} + 23h + 30min);
  EXPECT_EQ(as_view(format_utc_timestamp(time)), "2026-11-24T23:30:00Z");
  EXPECT_EQ(parse_utc_date("2028-02-29", "start"), date::sys_days{date::year{2028} / 2 / 29});
}

TEST(UtcTime, RejectsOtherShapesAndImpossibleDates) {
  for (const char* bad : {"2026-11-24 23:30:00Z", "2026-11-24T23:30:00", "2026-11-24T23:30:00+01:00",
                          "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", ""}) {
    EXPECT_THROW(parse_utc_timestamp(bad, "as_of"), Error) << bad;
  }
  for (const char* bad : {"2026-11-5", "2027-02-29", "2026-11-25T00:00:00Z", "26-11-25"}) {
    EXPECT_THROW(parse_utc_date(bad, "start_date"), Error) << bad;
  }
}

TEST(UtcTime, ErrorNamesTheOptionAndTheExpectedShape) {
  try {
    parse_utc_date("tomorrow", "availability start_date");
    FAIL() << "no error";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("availability start_date"), std::string::npos) << message;
    EXPECT_NE(message.find("dddd-dd-dd"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace insights::synthetic
