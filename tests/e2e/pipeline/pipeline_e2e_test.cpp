// End to end on a real Apache Kafka broker: producer, batcher, uploader and emulator run as separate processes.
// scripts/test starts the broker (scripts/kafka) and sets INSIGHTS_E2E_BOOTSTRAP.
#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <regex>
#include <thread>

#include "shared/kafka/group_offsets.h"
#include "shared/kafka/topic_admin.h"
#include "shared/schema/schema.h"
#include "tests/support/child_process.h"

namespace insights::testing {
namespace {

struct Expected {
  std::string alias;
  std::uint64_t rows;
};

bool wait_for(const std::function<bool()>& condition, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return condition();
}

std::optional<std::uint64_t> row_count(httplib::Client& client, const std::string& alias) {
  auto response = client.Get(("/__admin/datasets/" + alias + "?limit=1").c_str());
  if (!response || response->status != 200) return std::nullopt;
  rapidjson::Document doc;
  doc.Parse(response->body.c_str());
  if (doc.HasParseError() || !doc.HasMember("row_count")) return std::nullopt;
  return doc["row_count"].GetUint64();
}

TEST(PipelineEndToEnd, TwoOrgsBothDatasetsReachTheEmulatorExactly) {
  const char* bootstrap = std::getenv("INSIGHTS_E2E_BOOTSTRAP");
  if (bootstrap == nullptr || *bootstrap == '\0') {
    GTEST_SKIP() << "set INSIGHTS_E2E_BOOTSTRAP to a running Kafka broker (scripts/test does: scripts/kafka start)";
  }
  const std::string tag = std::to_string(std::random_device{}());
  const auto dir = std::filesystem::temp_directory_path() / ("insights-e2e-" + tag);
  std::filesystem::create_directories(dir);
  const auto log = [&](const std::string& name) { return (dir / (name + ".log")).string(); };

  ChildProcess emulator({INSIGHTS_BINARY, "emulator", "--port", "0"}, log("emulator"));
  std::smatch match;
  std::string base_url;
  ASSERT_TRUE(wait_for([&] {
    const std::string text = read_file(log("emulator"));
    if (!std::regex_search(text, match, std::regex("listening on (http://127\\.0\\.0\\.1:[0-9]+)"))) return false;
    base_url = match[1];
    return true;
  }, std::chrono::seconds(30))) << read_file(log("emulator"));

  // Fresh groups that start at the end of the topics: the broker may hold earlier runs.
  const auto& topics = schema::schema().topics;
  const kafka::Properties properties{{"bootstrap.servers", bootstrap}};
  kafka::ensure_topics(properties, {{topics.meetings, 4}, {topics.availability, 4}, {topics.batches, 4}}, std::chrono::seconds(30));
  kafka::start_group_at_end(properties, "e2e-batcher-" + tag, {topics.meetings, topics.availability}, std::chrono::seconds(30));
  kafka::start_group_at_end(properties, "e2e-uploader-" + tag, {topics.batches}, std::chrono::seconds(30));

  setenv("INSIGHTS_SALESFORCE_CLIENT_SECRET", "insights-local-secret", 1);
  const std::vector<std::string> common{
      INSIGHTS_BINARY,
      "--set", std::string("kafka.bootstrap_servers=") + bootstrap,
      "--set", "chunk_store.path=" + (dir / "chunks").string(),
      "--set", "salesforce.login_url=" + base_url,
      "--set", "batcher.group_id=e2e-batcher-" + tag,
      "--set", "uploader.group_id=e2e-uploader-" + tag,
      "--set", "producer.run_id=e2e-" + tag,
      "--set", "producer.batch_records=20000",
      "--set", "log.format=json"};
  auto with = [&](std::vector<std::string> tail) {
    auto argv = common;
    argv.insert(argv.end(), tail.begin(), tail.end());
    return argv;
  };
  ChildProcess batcher(with({"batcher"}), log("batcher"));
  ChildProcess uploader(with({"uploader"}), log("uploader"));
  ASSERT_TRUE(wait_for([&] { return read_file(log("batcher")).find("partition assigned") != std::string::npos; },
                       std::chrono::seconds(60))) << read_file(log("batcher"));
  ASSERT_TRUE(wait_for([&] { return read_file(log("uploader")).find("partition assigned") != std::string::npos; },
                       std::chrono::seconds(60))) << read_file(log("uploader"));

  ChildProcess meetings(with({"produce", "meetings", "--synthetic", "--orgs", "acme,north-bank", "--meetings", "30000",
                              "--input-dir", (dir / "input").string()}),
                        log("produce-meetings"));
  ASSERT_EQ(meetings.wait(), 0) << read_file(log("produce-meetings"));
  ChildProcess availability(with({"produce", "availability", "--synthetic", "--orgs", "acme,north-bank", "--locations", "2",
                                  "--advisors", "5", "--input-dir", (dir / "input").string()}),
                            log("produce-availability"));
  ASSERT_EQ(availability.wait(), 0) << read_file(log("produce-availability"));

  // What the producers say they produced, per job: "org/dataset/run<TAB>N records".
  std::vector<Expected> expected;
  for (const auto* name : {"produce-meetings", "produce-availability"}) {
    const std::string text = read_file(log(name));
    const std::regex line("([A-Za-z0-9_-]+)/(meetings|availability)/[^\t]+\t([0-9]+) records");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), line); it != std::sregex_iterator(); ++it) {
      std::string alias = (*it)[2].str() + "_" + (*it)[1].str();
      std::replace(alias.begin(), alias.end(), '-', '_');
      expected.push_back({alias, std::stoull((*it)[3].str())});
    }
  }
  ASSERT_EQ(expected.size(), 4u) << read_file(log("produce-meetings")) << read_file(log("produce-availability"));
  for (const auto& e : expected) EXPECT_GT(e.rows, 10000u) << e.alias;
  httplib::Client client(base_url);
  const bool all = wait_for([&] {
    for (const auto& e : expected) {
      if (row_count(client, e.alias) != e.rows) return false;
    }
    return true;
  }, std::chrono::seconds(240));
  for (const auto& e : expected) {
    EXPECT_EQ(row_count(client, e.alias).value_or(0), e.rows) << e.alias;
  }
  EXPECT_TRUE(all) << read_file(log("uploader"));
  EXPECT_EQ(batcher.stop(), 0) << read_file(log("batcher"));
  EXPECT_EQ(uploader.stop(), 0) << read_file(log("uploader"));
  EXPECT_NE(read_file(log("uploader")).find("job completed"), std::string::npos);
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace insights::testing
