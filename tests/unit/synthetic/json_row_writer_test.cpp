#include "producers/synthetic/json_row_writer.h"

#include <string>

#include <gtest/gtest.h>

namespace insights::synthetic {
namespace {

using namespace std::chrono_literals;

TEST(JsonRowWriter, WritesOneObjectPerRowAndForgetsThePreviousRow) {
  JsonRowWriter writer;
  writer.begin_row();
  writer.text("a", "first");
  const std::string first(writer.end_row());
  writer.begin_row();
  writer.integer("n", -3);
  writer.timestamp("t", UtcSeconds{86400s});
  writer.begin_array("list");
  writer.array_text("x");
  writer.array_text("y");
  writer.end_array();
  EXPECT_EQ(first, R"({"a":"first"})");
  EXPECT_EQ(writer.end_row(), R"({"n":-3,"t":"1970-01-02T00:00:00Z","list":["x","y"]})");
}

TEST(JsonRowWriter, WritesHundredthsWithExactlyTwoDecimals) {
  JsonRowWriter writer;
  writer.begin_row();
  writer.hundredths("a", 2650);
  writer.hundredths("b", 5);
  writer.hundredths("c", -125);
  writer.hundredths("d", 0);
  EXPECT_EQ(writer.end_row(), R"({"a":26.50,"b":0.05,"c":-1.25,"d":0.00})");
}

TEST(JsonRowWriter, EscapesQuotesAndKeepsUtf8) {
  JsonRowWriter writer;
  writer.begin_row();
  writer.text("room", "Møterom \"Fjord\", 2. etg\\");
  EXPECT_EQ(writer.end_row(), "{\"room\":\"Møterom \\\"Fjord\\\", 2. etg\\\\\"}");
}

}  // namespace
}  // namespace insights::synthetic
