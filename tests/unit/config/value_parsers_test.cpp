#include "shared/config/value_parsers.h"

#include <gtest/gtest.h>

namespace insights::config {
namespace {

using namespace std::chrono_literals;

TEST(ParseInt, AcceptsWholeNumbersOnly) {
  EXPECT_EQ(parse_int("42"), 42);
  EXPECT_EQ(parse_int("-7"), -7);
  EXPECT_EQ(parse_int("+8"), 8);
  EXPECT_EQ(parse_int("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(parse_int(""));
  EXPECT_FALSE(parse_int("12abc"));
  EXPECT_FALSE(parse_int("1.5"));
  EXPECT_FALSE(parse_int(" 3"));
  EXPECT_FALSE(parse_int("+-3"));
  EXPECT_FALSE(parse_int("9223372036854775808"));
}

TEST(ParseDouble, AcceptsFiniteNumbers) {
  EXPECT_DOUBLE_EQ(*parse_double("1.5"), 1.5);
  EXPECT_DOUBLE_EQ(*parse_double("-2e3"), -2000.0);
  EXPECT_DOUBLE_EQ(*parse_double("3"), 3.0);
  EXPECT_FALSE(parse_double("inf"));
  EXPECT_FALSE(parse_double("nan"));
  EXPECT_FALSE(parse_double("1.5x"));
}

TEST(ParseBool, AcceptsDocumentedSpellings) {
  for (const char* yes : {"true", "TRUE", "1", "yes", "Yes"}) EXPECT_EQ(parse_bool(yes), true) << yes;
  for (const char* no : {"false", "False", "0", "no", "NO"}) EXPECT_EQ(parse_bool(no), false) << no;
  EXPECT_FALSE(parse_bool("on"));
  EXPECT_FALSE(parse_bool(""));
  EXPECT_FALSE(parse_bool("2"));
}

TEST(ParseDuration, AcceptsEveryUnit) {
  EXPECT_EQ(parse_duration("500ms"), 500ms);
  EXPECT_EQ(parse_duration("30s"), 30s);
  EXPECT_EQ(parse_duration("5m"), 5min);
  EXPECT_EQ(parse_duration("2h"), 2h);
  EXPECT_EQ(parse_duration("7d"), 7 * 24h);
  EXPECT_EQ(parse_duration("0"), 0ms);
}

TEST(ParseDuration, AcceptsCombinations) {
  EXPECT_EQ(parse_duration("1h30m"), 90min);
  EXPECT_EQ(parse_duration("1m500ms"), 60500ms);
}

TEST(ParseDuration, RefusesMalformedText) {
  for (const char* bad : {"", "10", "ms", "-5s", "1.5h", "5 s", "5w", "5sx", "h1", "99999999999999999999d"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

}  // namespace
}  // namespace insights::config
