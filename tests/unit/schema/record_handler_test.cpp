#include "shared/schema/record_handler.h"

#include <gtest/gtest.h>

#include <string>

namespace insights::schema {
namespace {

class Handler : public ::testing::Test {
 protected:
  bool parse(std::string json) {
    text_ = std::move(json);
    handler_.reset();
    rapidjson::Reader reader;
    rapidjson::InsituStringStream stream(text_.data());
    return !reader.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag>(stream, handler_).IsError();
  }
  std::string text_;
  RecordHandler handler_;
};

TEST_F(Handler, CollectsEnvelopeAndRowMembersInOrder) {
  ASSERT_TRUE(parse(R"({"v":1,"org":"acme","batch":3,"seq":-2,"row":{"a":"x","b":12,"c":-4,"d":1.5,"e":null,)"
                    R"("f":true,"g":["p","q"],"h":{"deep":[1]},"i":[]}})"));
  EXPECT_TRUE(handler_.top_is_object());
  EXPECT_EQ(handler_.envelope(EnvelopeField::V).kind, JsonKind::Uint);
  EXPECT_EQ(handler_.envelope(EnvelopeField::V).uint_value, 1u);
  EXPECT_EQ(handler_.envelope(EnvelopeField::Org).text, "acme");
  EXPECT_EQ(handler_.envelope(EnvelopeField::Seq).kind, JsonKind::Int);
  EXPECT_EQ(handler_.envelope(EnvelopeField::Seq).int_value, -2);
  EXPECT_EQ(handler_.envelope(EnvelopeField::Run).kind, JsonKind::Null) << "absent";
  EXPECT_EQ(handler_.envelope(EnvelopeField::Row).kind, JsonKind::Object);
  const RowView& row = handler_.row();
  ASSERT_EQ(row.members.size(), 9u);
  const char* names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
  const JsonKind kinds[] = {JsonKind::String, JsonKind::Uint, JsonKind::Int,   JsonKind::Real,  JsonKind::Null,
                            JsonKind::Bool,   JsonKind::Array, JsonKind::Object, JsonKind::Array};
  for (std::size_t i = 0; i < 9; ++i) {
    EXPECT_EQ(row.members[i].name, names[i]);
    EXPECT_EQ(row.members[i].value.kind, kinds[i]) << names[i];
  }
  EXPECT_EQ(row.members[1].value.uint_value, 12u);
  EXPECT_EQ(row.members[2].value.int_value, -4);
  EXPECT_DOUBLE_EQ(row.members[3].value.real_value, 1.5);
  const JsonValue& g = row.members[6].value;
  ASSERT_EQ(g.item_count, 2u);
  EXPECT_EQ(row.items[g.first_item].text, "p");
  EXPECT_EQ(row.items[g.first_item + 1].text, "q");
  EXPECT_EQ(row.members[8].value.item_count, 0u);
  EXPECT_EQ(row.items.size(), 2u) << "the nested object's array is not an item";
}

TEST_F(Handler, FirstOccurrenceWinsAndLaterRowsAreIgnored) {
  ASSERT_TRUE(parse(R"({"org":"first","org":"second","row":{"a":"1"},"row":{"b":"2"}})"));
  EXPECT_EQ(handler_.envelope(EnvelopeField::Org).text, "first");
  ASSERT_EQ(handler_.row().members.size(), 1u);
  EXPECT_EQ(handler_.row().members[0].name, "a");
}

TEST_F(Handler, KeepsDuplicateRowMembersAndArraysOfMixedItems) {
  ASSERT_TRUE(parse(R"({"row":{"a":"1","a":"2","m":["x",[1],{"k":"v"},3]}})"));
  const RowView& row = handler_.row();
  ASSERT_EQ(row.members.size(), 3u);
  EXPECT_EQ(row.find("a")->text, "1");
  const JsonValue& m = row.members[2].value;
  ASSERT_EQ(m.item_count, 4u);
  EXPECT_EQ(row.items[m.first_item + 1].kind, JsonKind::Array);
  EXPECT_EQ(row.items[m.first_item + 2].kind, JsonKind::Object);
  EXPECT_EQ(row.items[m.first_item + 3].kind, JsonKind::Uint);
}

TEST_F(Handler, TopLevelThatIsNotAnObject) {
  ASSERT_TRUE(parse(R"([{"v":1}])"));
  EXPECT_FALSE(handler_.top_is_object());
  EXPECT_EQ(handler_.envelope(EnvelopeField::V).kind, JsonKind::Null);
}

TEST_F(Handler, NumbersFollowTheDomsSplit) {
  ASSERT_TRUE(parse(R"({"row":{"zero":-0,"big":18446744073709551615,"neg":-9223372036854775808,"r":1.0}})"));
  const RowView& row = handler_.row();
  EXPECT_EQ(row.find("zero")->kind, JsonKind::Uint);
  EXPECT_EQ(row.find("big")->kind, JsonKind::Uint);
  EXPECT_FALSE(row.find("big")->is_int64());
  EXPECT_DOUBLE_EQ(row.find("big")->as_double(), 18446744073709551615.0);
  EXPECT_EQ(row.find("neg")->as_int64(), INT64_MIN);
  EXPECT_EQ(row.find("r")->kind, JsonKind::Real);
}

TEST_F(Handler, StopsNestingBeyondItsLimit) {
  EXPECT_TRUE(parse(std::string(RecordHandler::kMaxDepth, '[') + std::string(RecordHandler::kMaxDepth, ']')));
  EXPECT_FALSE(handler_.too_deep());
  EXPECT_FALSE(parse(std::string(RecordHandler::kMaxDepth + 1, '[') + std::string(RecordHandler::kMaxDepth + 1, ']')));
  EXPECT_TRUE(handler_.too_deep());
}

TEST_F(Handler, ResetForgetsThePreviousMessage) {
  ASSERT_TRUE(parse(R"({"org":"a","row":{"x":"1"}})"));
  ASSERT_TRUE(parse(R"({"run":"r"})"));
  EXPECT_EQ(handler_.envelope(EnvelopeField::Org).kind, JsonKind::Null);
  EXPECT_TRUE(handler_.row().members.empty());
}

}  // namespace
}  // namespace insights::schema
