#include "shared/csv/csv_writer.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace insights::csv {
namespace {

std::string field(std::string_view value) {
  std::string out;
  append_field(out, value);
  return out;
}

std::string row(std::vector<std::string_view> fields) {
  std::string out;
  append_row(out, fields);
  return out;
}

TEST(CsvField, WriteQuotedDoublesQuotesWithinItsBound) {
  for (const std::string value : {"", "a,b", "\"", "\"\"\"", "say \"hi\", twice\n", "end\""}) {
    std::string buffer(2 * value.size() + 2, '#');
    char* end = write_quoted(buffer.data(), value);
    ASSERT_LE(end, buffer.data() + buffer.size()) << value;
    std::string expected = "\"";
    for (char c : value) expected += c == '"' ? std::string("\"\"") : std::string(1, c);
    expected += "\"";
    EXPECT_EQ(std::string(buffer.data(), end), expected) << value;
  }
}

TEST(CsvField, PlainValuesAreNotQuoted) {
  EXPECT_EQ(field(""), "");
  EXPECT_EQ(field("abc"), "abc");
  EXPECT_EQ(field("with space"), "with space");
  EXPECT_EQ(field("semi;colon\ttab'single"), "semi;colon\ttab'single");
  EXPECT_EQ(field("Zürich – 東京"), "Zürich – 東京");
}

TEST(CsvField, SpecialCharactersForceQuotes) {
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(field("crlf\r\n"), "\"crlf\r\n\"");
  EXPECT_EQ(field(","), "\",\"");
}

TEST(CsvField, EmbeddedQuotesAreDoubled) {
  EXPECT_EQ(field("\""), "\"\"\"\"");
  EXPECT_EQ(field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(field("\"\"x"), "\"\"\"\"\"x\"");
  EXPECT_EQ(field("a\",b"), "\"a\"\",b\"");
}

TEST(CsvField, KeepsNulBytes) {
  EXPECT_EQ(field(std::string_view("a\0b", 3)), std::string("a\0b", 3));
  EXPECT_EQ(field(std::string_view("a\0,", 3)), std::string("\"a\0,\"", 5));
}

TEST(CsvField, AppendsToExistingContent) {
  std::string out = "prefix|";
  append_field(out, "x\"y");
  EXPECT_EQ(out, "prefix|\"x\"\"y\"");
}

TEST(CsvRow, JoinsWithCommasAndEndsWithNewline) {
  EXPECT_EQ(row({"a", "b", "c"}), "a,b,c\n");
  EXPECT_EQ(row({"1", "two, three", "4\"5"}), "1,\"two, three\",\"4\"\"5\"\n");
  EXPECT_EQ(row({"", "", ""}), ",,\n");
  EXPECT_EQ(row({"only"}), "only\n");
  EXPECT_EQ(row({}), "\n");
}

TEST(CsvRow, RowsAccumulateInOneBuffer) {
  std::string out;
  const std::array<std::string_view, 2> first{"id", "name"};
  const std::array<std::string_view, 2> second{"1", "O'Brien, Pat"};
  append_row(out, first);
  append_row(out, second);
  EXPECT_EQ(out, "id,name\n1,\"O'Brien, Pat\"\n");
}

TEST(CsvRow, ReusedBufferDoesNotReallocate) {
  std::string out;
  out.reserve(4096);
  const std::array<std::string_view, 3> fields{"abc", "d,e", "f"};
  const char* data = out.data();
  for (int i = 0; i < 100; ++i) {
    out.clear();
    append_row(out, fields);
  }
  EXPECT_EQ(out.data(), data);
  EXPECT_EQ(out, "abc,\"d,e\",f\n");
}

}  // namespace
}  // namespace insights::csv
