#include "emulator/metadata_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "emulator/api_error.h"
#include "metadata_fixtures.h"

namespace insights::emulator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::meetings_metadata;

std::string refusal(const std::string& json) {
  try {
    parse_metadata_json(json);
  } catch (const ApiError& error) {
    EXPECT_EQ(error.code(), "FIELD_INTEGRITY_EXCEPTION");
    EXPECT_THAT(error.fields(), ElementsAre("MetadataJson"));
    return error.what();
  }
  return "accepted";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(MetadataValidator, ParsesAValidDocument) {
  const auto schema = parse_metadata_json(meetings_metadata());
  ASSERT_EQ(schema.fields.size(), 3U);
  EXPECT_EQ(schema.object_name, "meetings");
  EXPECT_EQ(schema.fields[1].type, FieldType::Numeric);
  EXPECT_EQ(schema.fields[1].precision, 9);
  EXPECT_EQ(schema.fields[2].format, "yyyy-MM-dd'T'HH:mm:ss'Z'");
  ASSERT_NE(schema.unique_id(), nullptr);
  EXPECT_EQ(schema.unique_id()->name, "meeting_id");
  EXPECT_EQ(schema.file_format.lines_to_ignore, 1);
}

TEST(MetadataValidator, RefusesBrokenDocuments) {
  EXPECT_THAT(refusal("{"), HasSubstr("not valid JSON"));
  EXPECT_THAT(refusal("[]"), HasSubstr("one JSON object"));
  EXPECT_THAT(refusal(R"({"objects":[]})"), HasSubstr("exactly one object"));
  EXPECT_THAT(refusal(std::string("\xff")), HasSubstr("UTF-8"));
}

TEST(MetadataValidator, RefusesFieldProblems) {
  const auto base = meetings_metadata();
  EXPECT_THAT(refusal(replace(base, R"("precision":9,)", "")), HasSubstr("precision"));
  EXPECT_THAT(refusal(replace(base, R"(,"defaultValue":"0")", "")), HasSubstr("defaultValue"));
  EXPECT_THAT(refusal(replace(base, R"("scale":0)", R"("scale":9)")), HasSubstr("scale"));
  EXPECT_THAT(refusal(replace(base, R"("precision":9)", R"("precision":19)")), HasSubstr("precision"));
  EXPECT_THAT(refusal(replace(base, R"(,"format":"yyyy-MM-dd'T'HH:mm:ss'Z'")", "")), HasSubstr("needs \"format\""));
  EXPECT_THAT(refusal(replace(base, "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy/MM/dd")), HasSubstr("not a supported pattern"));
  EXPECT_THAT(refusal(replace(base, R"("name":"participants")", R"("name":"bad__name")")), HasSubstr("naming rules"));
  EXPECT_THAT(refusal(replace(base, R"("name":"participants")", R"("name":"meeting_id")")), HasSubstr("appears twice"));
  EXPECT_THAT(refusal(replace(base, R"("type":"Date")", R"("type":"Time")")), HasSubstr("Text, Numeric or Date"));
  EXPECT_THAT(refusal(replace(base, R"("type":"Numeric","precision":9,"scale":0,"defaultValue":"0")",
                              R"("type":"Text","isUniqueId":true)")),
              HasSubstr("more than one"));
  EXPECT_THAT(refusal(replace(base, R"("label":"Meeting Id")", R"("label":"M","isUniquId":true)")),
              HasSubstr("unknown key \"isUniquId\""));
}

TEST(MetadataValidator, RefusesFileFormatProblems) {
  const auto base = meetings_metadata();
  EXPECT_THAT(refusal(replace(base, R"("charsetName":"UTF-8")", R"("charsetName":"ISO-8859-1")")), HasSubstr("UTF-8"));
  EXPECT_THAT(refusal(replace(base, R"("fieldsEnclosedBy":"\"")", R"("fieldsEnclosedBy":",")")), HasSubstr("differ"));
  EXPECT_THAT(refusal(replace(base, R"("fieldsDelimitedBy":",")", R"("fieldsDelimitedBy":",,")")),
              HasSubstr("exactly one character"));
}

TEST(MetadataValidator, UniqueIdMustBeSingleValueText) {
  const auto base = meetings_metadata(false);
  EXPECT_THAT(refusal(replace(base, R"("defaultValue":"0")", R"("defaultValue":"0","isUniqueId":true)")),
              HasSubstr("single-value Text"));
}

TEST(MetadataValidator, NeedsATextField) {
  const std::string json = R"({"objects":[{"connector":"c","fullyQualifiedName":"o","label":"O","name":"o","fields":[
    {"fullyQualifiedName":"o.n","name":"n","label":"N","type":"Numeric","precision":4,"scale":0,"defaultValue":"0"}]}]})";
  EXPECT_THAT(refusal(json), HasSubstr("Text field"));
}

}  // namespace
}  // namespace insights::emulator
