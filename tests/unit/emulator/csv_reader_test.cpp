#include "emulator/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace insights::emulator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<CsvRecord> read_all(std::string_view data, char delimiter = ',', char enclosure = '"') {
  CsvReader reader(data, delimiter, enclosure);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.next(record)) records.push_back(record);
  return records;
}

TEST(CsvReader, ReadsQuotedValuesWithDelimitersQuotesAndLineBreaks) {
  const auto records = read_all("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n");
  ASSERT_EQ(records.size(), 3U);
  EXPECT_THAT(records[0].cells, ElementsAre("a", "b"));
  EXPECT_THAT(records[1].cells, ElementsAre("x,1", "say \"hi\""));
  EXPECT_THAT(records[2].cells, ElementsAre("two\nlines", ""));
  EXPECT_EQ(records[2].line, 3U);
  for (const auto& record : records) EXPECT_THAT(record.error, IsEmpty());
}

TEST(CsvReader, AReusedRecordKeepsNothingOfTheLongerRecordBeforeIt) {
  const auto records = read_all("a long first value,b,c\nx\n\"q\",y,\"z\"\nbad\"quote,left\n1,2\n");
  ASSERT_EQ(records.size(), 5U);
  EXPECT_THAT(records[0].cells, ElementsAre("a long first value", "b", "c"));
  EXPECT_THAT(records[1].cells, ElementsAre("x"));
  EXPECT_THAT(records[2].cells, ElementsAre("q", "y", "z"));
  EXPECT_THAT(records[3].error, HasSubstr("quote inside an unquoted value"));
  EXPECT_THAT(records[3].cells, IsEmpty());
  EXPECT_THAT(records[4].cells, ElementsAre("1", "2"));
  EXPECT_THAT(records[4].error, IsEmpty());
}

TEST(CsvReader, LastRecordWithoutLineEndIsRead) {
  const auto records = read_all("a,b\n1,2");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_THAT(records[1].cells, ElementsAre("1", "2"));
}

TEST(CsvReader, SpaceBeforeOpeningQuoteIsARowErrorAndReadingResumesOnNextLine) {
  const auto records = read_all("a,b\n1, \"2\"\n3,4\n");
  ASSERT_EQ(records.size(), 3U);
  EXPECT_THAT(records[1].error, HasSubstr("line 2"));
  EXPECT_THAT(records[2].cells, ElementsAre("3", "4"));
  EXPECT_EQ(records[2].line, 3U);
}

TEST(CsvReader, TextAfterClosingQuoteIsARowError) {
  const auto records = read_all("\"ab\"c,d\nok,1\n");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_THAT(records[0].error, HasSubstr("after a closing quote"));
  EXPECT_THAT(records[1].cells, ElementsAre("ok", "1"));
}

TEST(CsvReader, UnterminatedQuoteIsReported) {
  const auto records = read_all("a\n\"open,1\n2\n");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_THAT(records[1].error, HasSubstr("never closed"));
}

TEST(CsvReader, HonoursOtherDelimiterAndEnclosure) {
  const auto records = read_all("'a|b'|c\n", '|', '\'');
  ASSERT_EQ(records.size(), 1U);
  EXPECT_THAT(records[0].cells, ElementsAre("a|b", "c"));
}

TEST(CsvReader, NothingIsTrimmed) {
  const auto records = read_all("John, Smith\n");
  ASSERT_EQ(records.size(), 1U);
  EXPECT_THAT(records[0].cells, ElementsAre("John", " Smith"));
}

}  // namespace
}  // namespace insights::emulator
