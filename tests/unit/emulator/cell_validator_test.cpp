#include "emulator/cell_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace insights::emulator {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

FieldSpec numeric(int precision, int scale, std::string default_value = "0") {
  FieldSpec field;
  field.name = "amount";
  field.type = FieldType::Numeric;
  field.precision = precision;
  field.scale = scale;
  field.default_value = std::move(default_value);
  return field;
}

std::optional<std::string> check(const FieldSpec& field, std::string value) { return check_cell(field, value); }

TEST(CellValidator, NumericAcceptsPlainNumbersWithinPrecisionAndScale) {
  EXPECT_EQ(check(numeric(6, 2), "1234.56"), std::nullopt);
  EXPECT_EQ(check(numeric(6, 2), "-0.5"), std::nullopt);
  EXPECT_THAT(check(numeric(6, 2), "12345.6"), Optional(HasSubstr("precision")));
  EXPECT_THAT(check(numeric(6, 2), "1.234"), Optional(HasSubstr("after the point")));
  EXPECT_THAT(check(numeric(9, 0), "$1,000"), Optional(HasSubstr("not a plain number")));
  EXPECT_THAT(check(numeric(9, 0), "1e3"), Optional(HasSubstr("not a plain number")));
  EXPECT_THAT(check(numeric(18, 0), "36028797018963968"), Optional(HasSubstr("range")));
  EXPECT_EQ(check(numeric(18, 0), "-36028797018963968"), std::nullopt);
}

TEST(CellValidator, EmptyNumericTakesTheDefault) {
  std::string value;
  EXPECT_EQ(check_cell(numeric(4, 0, "7"), value), std::nullopt);
  EXPECT_EQ(value, "7");
}

TEST(CellValidator, TextIsTruncatedOrRejectedByCanTruncate) {
  FieldSpec text;
  text.name = "name";
  text.precision = 3;
  std::string value = "abcdef";
  EXPECT_EQ(check_cell(text, value), std::nullopt);
  EXPECT_EQ(value, "abc");
  text.can_truncate = false;
  EXPECT_THAT(check(text, "abcdef"), Optional(HasSubstr("canTruncateValue")));
}

TEST(CellValidator, ValuesOver32000CharactersAreRejected) {
  FieldSpec text;
  text.name = "notes";
  text.precision = 32000;
  EXPECT_EQ(check(text, std::string(32000, 'x')), std::nullopt);
  EXPECT_THAT(check(text, std::string(32001, 'x')), Optional(HasSubstr("32000")));
}

TEST(CellValidator, DatesMustMatchTheirFormatButMayBeEmpty) {
  FieldSpec date;
  date.name = "start";
  date.type = FieldType::Date;
  date.format = "yyyy-MM-dd'T'HH:mm:ss'Z'";
  EXPECT_EQ(check(date, "2024-05-01T10:00:00Z"), std::nullopt);
  EXPECT_EQ(check(date, ""), std::nullopt);
  EXPECT_THAT(check(date, "2024-05-01 10:00:00"), Optional(HasSubstr("date format")));
}

}  // namespace
}  // namespace insights::emulator
