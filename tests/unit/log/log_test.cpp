#include "shared/log/log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "shared/log/output_format.h"
#include "shared/util/error.h"

namespace insights::log {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::vector<std::string> lines_of(const std::ostringstream& out) {
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Each test captures output in its own stream and gives stderr back afterwards.
class LogTest : public ::testing::Test {
 protected:
  void TearDown() override { init("info", "json"); }
  std::ostringstream out_;
};

TEST_F(LogTest, WritesOneJsonObjectPerEventWithFields) {
  init_for_test(out_, "info", "json");
  info("batch written", {field("job", "org1/meetings/r1"), field("batch", 3)});
  const auto lines = lines_of(out_);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_THAT(lines[0], MatchesRegex(R"(\{"ts":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z",)"
                                     R"("level":"info","msg":"batch written","job":"org1/meetings/r1","batch":"3"\})"));
}

TEST_F(LogTest, JsonEscapesQuotesNewlinesAndKeepsUtf8) {
  init_for_test(out_, "info", "json");
  const std::string message = "line1\nline2 \"quoted\" caf\xC3\xA9";
  error(message, {field("path", "C:\\dir")});
  const auto lines = lines_of(out_);
  ASSERT_EQ(lines.size(), 1U);
  rapidjson::Document doc;
  doc.Parse(lines[0].c_str());
  ASSERT_FALSE(doc.HasParseError()) << lines[0];
  EXPECT_EQ(doc["msg"].GetString(), message);
  EXPECT_STREQ(doc["path"].GetString(), "C:\\dir");
  EXPECT_STREQ(doc["level"].GetString(), "error");
}

TEST_F(LogTest, FiltersBelowTheLevel) {
  init_for_test(out_, "warn", "json");
  trace("t");
  debug("d");
  info("i");
  warn("w");
  error("e");
  const auto lines = lines_of(out_);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_THAT(lines[0], HasSubstr(R"("level":"warn","msg":"w")"));
  EXPECT_THAT(lines[1], HasSubstr(R"("level":"error","msg":"e")"));
}

TEST_F(LogTest, TraceLevelLetsEverythingThrough) {
  init_for_test(out_, "trace", "text");
  trace("t");
  debug("d");
  EXPECT_EQ(lines_of(out_).size(), 2U);
}

TEST_F(LogTest, TextFormatIsReadable) {
  init_for_test(out_, "debug", "text");
  debug("opened batch", {field("job", "j1"), field("batch", 7)});
  const auto lines = lines_of(out_);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_THAT(lines[0], MatchesRegex(R"([0-9-]{10}T[0-9:]{8}\.[0-9]{3}Z DEBUG opened batch job=j1 batch=7)"));
}

TEST_F(LogTest, AutoOnAStreamMeansJson) {
  init_for_test(out_, "info", "auto");
  info("x");
  EXPECT_THAT(out_.str(), HasSubstr(R"("msg":"x")"));
}

TEST_F(LogTest, BadLevelOrFormatIsRefusedAndLoggingStaysAsItWas) {
  init_for_test(out_, "info", "json");
  EXPECT_THROW(init("verbose", "json"), Error);
  EXPECT_THROW(init("info", "yaml"), Error);
  try {
    init("loud", "json");
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("'loud'"));
    EXPECT_THAT(e.what(), HasSubstr("trace, debug, info, warn, error"));
  }
  info("still here");
  EXPECT_THAT(out_.str(), HasSubstr("still here"));
}

TEST_F(LogTest, ConcurrentEventsStayWholeLines) {
  init_for_test(out_, "info", "json");
  constexpr int kThreads = 4;
  constexpr int kEach = 200;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([t] {
        for (int i = 0; i < kEach; ++i) info("event", {field("thread", t), field("i", i)});
      });
    }
  }
  const auto lines = lines_of(out_);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kEach));
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& line : lines) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    ASSERT_FALSE(doc.HasParseError()) << line;
    seen.emplace(doc["thread"].GetString(), doc["i"].GetString());
  }
  EXPECT_EQ(seen.size(), lines.size());
}

TEST(OutputFormat, AutoFollowsTheTerminal) {
  EXPECT_EQ(parse_format("auto", true), Format::Text);
  EXPECT_EQ(parse_format("auto", false), Format::Json);
  EXPECT_EQ(parse_format("text", false), Format::Text);
  EXPECT_EQ(parse_format("json", true), Format::Json);
  EXPECT_THROW(parse_format("JSON", false), Error);
}

}  // namespace
}  // namespace insights::log
