#include <atomic>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"
#include "tests/support/zlib_gzip.h"
#include "metadata_fixtures.h"

namespace insights::emulator::testing {
namespace {

using insights::testing::gzip_member;

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr std::int64_t kStart = 1'795'000'000;  // 2026-11-18T...Z, seconds since the epoch
const std::string kData = gzip_member("meeting_id,participants,start_utc\nm1,1,2024-05-01T10:00:00Z\n");

std::string query_path(const std::string& soql) {
  std::string encoded;
  for (const char c : soql) {
    if (c == ' ') {
      encoded += '+';
    } else if (c == '\'' || c == '>' || c == '<' || c == '=' || c == ':' || c == '+' || c == ',') {
      encoded += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      encoded += c;
    }
  }
  return fmt::format("{}/query?q={}", kApi, encoded);
}

class LimitsAndPagingTest : public EmulatorTest {
 protected:
  void SetUp() override { restart(options_with_clock()); }

  Options options_with_clock() {
    auto options = test_options();
    options.clock = [this] { return std::chrono::system_clock::time_point(std::chrono::seconds(now_seconds.load())); };
    return options;
  }

  void advance(std::chrono::seconds by) { now_seconds += by.count(); }

  std::atomic<std::int64_t> now_seconds{kStart};
};

TEST_F(LimitsAndPagingTest, LargeResultsComeInPagesLinkedByNextRecordsUrl) {
  auto options = options_with_clock();
  options.query_page_size = 3;
  restart(options);
  for (int i = 0; i < 7; ++i) create_header(fmt::format("d{}", i), "Overwrite", "");
  auto page = get(query_path("SELECT Id,EdgemartAlias FROM InsightsExternalData ORDER BY EdgemartAlias")).json();
  std::vector<std::string> aliases;
  int pages = 1;
  for (;;) {
    EXPECT_EQ(page["totalSize"].GetUint64(), 7U);
    for (const auto& record : page["records"].GetArray()) aliases.emplace_back(record["EdgemartAlias"].GetString());
    if (page["done"].GetBool()) break;
    const std::string next = page["nextRecordsUrl"].GetString();
    EXPECT_THAT(next, MatchesRegex("/services/data/v62.0/query/01g[A-Za-z0-9]+-[0-9]+"));
    page = get(next).json();
    ++pages;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(aliases, (std::vector<std::string>{"d0", "d1", "d2", "d3", "d4", "d5", "d6"}));
  const auto unknown = get(fmt::format("{}/query/01g000000000000AAA-3", kApi));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_code(), "INVALID_QUERY_LOCATOR");
}

TEST_F(LimitsAndPagingTest, QuotaQueriesFilterByCreatedDate) {
  const auto first = create_header("meetings_acme", "Overwrite", "");
  add_part(first, 1, "a,b\n");
  advance(std::chrono::hours(25));
  const auto second = create_header("meetings_acme", "Overwrite", "");
  add_part(second, 1, "abc,def\n");
  create_header("other", "Overwrite", "");

  const auto created = header_field(second, "CreatedDate");
  EXPECT_THAT(created, MatchesRegex("2026-11-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.000\\+0000"));
  const auto since = fmt::format("{}Z", created.substr(0, 19));
  const auto jobs = get(query_path(fmt::format(
      "SELECT Id,Status,CreatedDate FROM InsightsExternalData WHERE EdgemartAlias='meetings_acme' AND CreatedDate >= {}",
      since)));
  ASSERT_EQ(jobs.status, 200) << jobs.body;
  ASSERT_EQ(jobs.json()["totalSize"].GetUint64(), 1U);
  EXPECT_EQ(jobs.json()["records"][0]["Id"].GetString(), second);

  const auto parts = get(query_path(fmt::format(
      "SELECT Id,DataLength,CreatedDate FROM InsightsExternalDataPart WHERE CreatedDate >= {}", since)));
  ASSERT_EQ(parts.status, 200) << parts.body;
  ASSERT_EQ(parts.json()["totalSize"].GetUint64(), 1U);
  EXPECT_EQ(parts.json()["records"][0]["DataLength"].GetInt(), 8);

  const auto earlier = get(query_path("SELECT Id FROM InsightsExternalDataPart WHERE DataLength < 5 AND "
                                      "CreatedDate < 2030-01-01T00:00:00+01:00"));
  EXPECT_EQ(earlier.json()["totalSize"].GetUint64(), 1U) << earlier.body;
  const auto quoted = get(query_path("SELECT Id FROM InsightsExternalData WHERE CreatedDate >= '2026-01-01'"));
  EXPECT_EQ(quoted.status, 400);
}

TEST_F(LimitsAndPagingTest, PartsOfTerminalJobsExpireAfterSevenDays) {
  std::string id;
  ASSERT_EQ(upload("meetings", "Overwrite", meetings_metadata(), kData, &id), "Completed");
  const auto listing = query_path(fmt::format("SELECT Id FROM InsightsExternalDataPart WHERE InsightsExternalDataId='{}'", id));
  const auto before = get(listing).json();
  ASSERT_EQ(before["totalSize"].GetUint64(), 1U);
  const std::string part_id = before["records"][0]["Id"].GetString();
  advance(std::chrono::hours(7 * 24) - std::chrono::seconds(1));
  EXPECT_EQ(get(listing).json()["totalSize"].GetUint64(), 1U);
  advance(std::chrono::seconds(1));
  EXPECT_EQ(get(listing).json()["totalSize"].GetUint64(), 0U);
  EXPECT_EQ(get(fmt::format("{}/sobjects/InsightsExternalDataPart/{}/DataFile", kApi, part_id)).status, 404);
  EXPECT_EQ(header_field(id, "Status"), "Completed");
  EXPECT_EQ(server->headers().front().parts, 0);
}

TEST_F(LimitsAndPagingTest, UploadOverTheSizeLimitFails) {
  auto options = options_with_clock();
  options.max_upload_bytes = kData.size() - 1;
  restart(options);
  std::string id;
  EXPECT_EQ(upload("meetings", "Overwrite", meetings_metadata(), kData, &id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("limit"));
  EXPECT_FALSE(server->dataset("meetings"));
}

TEST_F(LimitsAndPagingTest, DailyVolumeCountsJobsOfTheLast24Hours) {
  auto options = options_with_clock();
  options.max_bytes_per_day = kData.size() * 2;
  restart(options);
  EXPECT_EQ(upload("a", "Overwrite", meetings_metadata(), kData), "Completed");
  EXPECT_EQ(upload("b", "Overwrite", meetings_metadata(), kData), "Completed");
  std::string id;
  EXPECT_EQ(upload("c", "Overwrite", meetings_metadata(), kData, &id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("24 hours"));
  advance(std::chrono::hours(24));
  EXPECT_EQ(upload("c", "Overwrite", meetings_metadata(), kData), "Completed");
}

}  // namespace
}  // namespace insights::emulator::testing
