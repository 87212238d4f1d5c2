#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <vector>

#include "shared/log/json_line.h"
#include "shared/log/line_formatter.h"
#include "shared/log/text_line.h"
#include "shared/log/timestamp.h"

namespace insights::log {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const auto kTime = sys_days{2026y / 11 / 24} + 23h + 30min + 123ms;

rapidjson::Document parse(const std::string& line) {
  rapidjson::Document doc;
  doc.Parse(line.data(), line.size());
  EXPECT_FALSE(doc.HasParseError()) << line;
  return doc;
}

TEST(Timestamp, IsUtcWithMilliseconds) {
  EXPECT_EQ(utc_timestamp(kTime), "2026-11-24T23:30:00.123Z");
  EXPECT_EQ(utc_timestamp(sys_days{2026y / 1 / 2} + 3h + 4min + 5s + 6ms + 999us), "2026-01-02T03:04:05.006Z");
  EXPECT_EQ(utc_timestamp(system_clock::time_point{} - 1ms), "1969-12-31T23:59:59.999Z");
}

TEST(JsonLine, HasTimeLevelMessageAndFieldsInOrder) {
  const std::vector<Field> fields = {field("job", "org1/meetings/r1"), field("batch", 3)};
  const auto line = json_line(kTime, spdlog::level::info, json_body("batch written", fields));
  EXPECT_EQ(line,
            R"({"ts":"2026-11-24T23:30:00.123Z","level":"info","msg":"batch written","job":"org1/meetings/r1",)"
            R"("batch":"3"})"
            "\n");
}

TEST(JsonLine, EscapesQuotesBackslashesAndControlCharacters) {
  const std::string nasty = "say \"hi\"\\ \n\r\t\x01 end";
  const std::vector<Field> fields = {field("k\"ey", nasty)};
  const auto line = json_line(kTime, spdlog::level::warn, json_body(nasty, fields));
  ASSERT_EQ(line.find('\n'), line.size() - 1) << "exactly one line";
  const auto doc = parse(line);
  EXPECT_EQ(std::string(doc["msg"].GetString(), doc["msg"].GetStringLength()), nasty);
  EXPECT_EQ(std::string(doc["k\"ey"].GetString()), nasty);
  EXPECT_STREQ(doc["level"].GetString(), "warn");
}

TEST(JsonLine, KeepsUtf8AndRepairsInvalidBytes) {
  const auto line = json_line(kTime, spdlog::level::info, json_body("caf\xC3\xA9 \xF0\x9F\x98\x80 \xFF", {}));
  EXPECT_THAT(line, ::testing::HasSubstr("caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD"));
  EXPECT_STREQ(parse(line)["msg"].GetString(), "caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD");
}

TEST(JsonLine, FieldsCannotShadowEventKeys) {
  const std::vector<Field> fields = {field("msg", "x"), field("level", "y"), field("ts", "z")};
  const auto doc = parse(json_line(kTime, spdlog::level::err, json_body("real", fields)));
  EXPECT_STREQ(doc["msg"].GetString(), "real");
  EXPECT_STREQ(doc["level"].GetString(), "error");
  EXPECT_STREQ(doc["_msg"].GetString(), "x");
  EXPECT_STREQ(doc["_level"].GetString(), "y");
  EXPECT_STREQ(doc["_ts"].GetString(), "z");
}

TEST(TextLine, ReadsAsTimeLevelMessageAndPairs) {
  const std::vector<Field> fields = {field("job", "j1"), field("batch", 3)};
  EXPECT_EQ(text_line(kTime, spdlog::level::info, text_body("batch written", fields)),
            "2026-11-24T23:30:00.123Z INFO batch written job=j1 batch=3\n");
  EXPECT_EQ(text_line(kTime, spdlog::level::err, text_body("x", {})), "2026-11-24T23:30:00.123Z ERROR x\n");
}

TEST(TextLine, QuotesAwkwardValuesAndKeepsOneLine) {
  const std::vector<Field> fields = {field("reason", "bad \"id\""), field("empty", ""), field("nl", "a\nb")};
  EXPECT_EQ(text_body("two\nlines", fields), R"(two\nlines reason="bad \"id\"" empty="" nl="a\nb")");
}

TEST(LineFormatter, RendersPlainSpdlogMessagesInTheSameFormat) {
  LineFormatter formatter(Format::Json, LineFormatter::Payload::Message);
  spdlog::details::log_msg msg(spdlog::source_loc{}, "", spdlog::level::warn, "plain \"quoted\" {}");
  msg.time = kTime;
  spdlog::memory_buf_t out;
  formatter.format(msg, out);
  EXPECT_EQ(std::string(out.data(), out.size()),
            R"({"ts":"2026-11-24T23:30:00.123Z","level":"warn","msg":"plain \"quoted\" {}"})"
            "\n");
}

TEST(LineFormatter, PassesPreparedBodiesThrough) {
  LineFormatter formatter(Format::Text, LineFormatter::Payload::Body);
  const std::vector<Field> fields = {field("job", "j1")};
  const std::string body = render_body(Format::Text, "hello", fields);
  spdlog::details::log_msg msg(spdlog::source_loc{}, "", spdlog::level::debug, body);
  msg.time = kTime;
  spdlog::memory_buf_t out;
  formatter.clone()->format(msg, out);
  EXPECT_EQ(std::string(out.data(), out.size()), "2026-11-24T23:30:00.123Z DEBUG hello job=j1\n");
}

}  // namespace
}  // namespace insights::log
