// The client against the External Data API emulator: the whole upload lifecycle as the uploader drives it.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <thread>

#include "emulator/emulator_server.h"
#include "shared/salesforce/client.h"
#include "tests/support/zlib_gzip.h"

namespace insights::salesforce {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using insights::testing::gzip_member;

const std::string kMetadata = R"({"fileFormat":{"charsetName":"UTF-8","fieldsDelimitedBy":",","fieldsEnclosedBy":"\"",)"
                              R"("numberOfLinesToIgnore":1},"objects":[{"connector":"InsightsPipeline",)"
                              R"("fullyQualifiedName":"meetings","label":"Meetings","name":"meetings","fields":[)"
                              R"({"fullyQualifiedName":"meetings.meeting_id","name":"meeting_id","label":"Meeting Id",)"
                              R"("type":"Text","isUniqueId":true},)"
                              R"({"fullyQualifiedName":"meetings.participants","name":"participants",)"
                              R"("label":"Participants","type":"Numeric","precision":9,"scale":0,"defaultValue":"0"}]}]})";

const std::string kCsv = "meeting_id,participants\nm-1,3\nm-2,1\n\"m-3, \"\"quoted\"\"\",12\n";

class ClientAgainstEmulator : public ::testing::Test {
 protected:
  static ClientOptions options() {
    ClientOptions options;
    options.connect_timeout = 2s;
    options.request_timeout = 30s;
    options.retry = RetryPolicy{4, 10ms, 100ms, 30s};
    options.poll_first = 5ms;
    options.poll_longest = 50ms;
    return options;
  }

  Client make_client(std::string secret = "insights-local-secret") {
    return Client(Credentials{server_.base_url(), "insights-local", std::move(secret)}, options());
  }

  HeaderFields upsert_fields(std::string file_name) const {
    HeaderFields fields;
    fields.alias = "meetings_acme";
    fields.label = "Meetings (acme)";
    fields.file_name = std::move(file_name);
    fields.operation = "Upsert";
    fields.metadata_json = kMetadata;
    return fields;
  }

  emulator::Server server_{emulator::Options{}};
};

TEST_F(ClientAgainstEmulator, FullLifecycleLoadsTheRowsAndReportsTheRowCount) {
  auto client = make_client();
  EXPECT_EQ(client.dataset_row_count("meetings_acme"), std::nullopt);
  EXPECT_EQ(client.find_header("job_acme_meetings_1"), std::nullopt);

  const std::string header_id = client.create_header(upsert_fields("job_acme_meetings_1"));
  EXPECT_EQ(header_id.substr(0, 3), "06V");

  // A single gzip member cut into byte slices, as the uploader does.
  const std::string data = gzip_member(kCsv);
  const std::size_t cut = data.size() / 2;
  const std::string part1 = client.upload_part(header_id, 1, std::string_view(data).substr(0, cut));
  const std::string part2 = client.upload_part(header_id, 2, std::string_view(data).substr(cut));
  EXPECT_EQ(part1.substr(0, 3), "06W");

  const auto parts = client.list_parts(header_id);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].id, part1);
  EXPECT_EQ(parts[0].part_number, 1);
  EXPECT_EQ(parts[1].id, part2);
  EXPECT_EQ(parts[1].part_number, 2);

  const auto before = client.find_header("job_acme_meetings_1");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->id, header_id);
  EXPECT_EQ(before->status, "New");
  EXPECT_EQ(before->action, "None");

  client.start_processing(header_id);
  const auto done = client.wait_terminal(header_id, 60s);
  EXPECT_EQ(done.status, "Completed") << done.status_message;
  EXPECT_EQ(client.status(header_id).action, "Process");

  EXPECT_EQ(client.dataset_row_count("meetings_acme"), 3u);
  const auto dataset = server_.dataset("meetings_acme");
  ASSERT_TRUE(dataset);
  EXPECT_THAT(dataset->columns, ElementsAre("meeting_id", "participants"));
  ASSERT_EQ(dataset->rows.size(), 3u);
  EXPECT_THAT(dataset->rows[2], ElementsAre("m-3, \"quoted\"", "12"));
  EXPECT_EQ(client.retries(), 0);
  EXPECT_EQ(client.token_fetches(), 1);
}

TEST_F(ClientAgainstEmulator, FindHeaderReturnsTheNewestWithThatFileName) {
  auto client = make_client();
  const std::string first = client.create_header(upsert_fields("job_x"));
  const std::string second = client.create_header(upsert_fields("job_x"));
  client.create_header(upsert_fields("job_other"));
  const auto found = client.find_header("job_x");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, second);
  EXPECT_NE(found->id, first);
}

TEST_F(ClientAgainstEmulator, DeletedHeaderIsGoneAndAFailedJobSaysWhy) {
  auto client = make_client();
  const std::string abandoned = client.create_header(upsert_fields("job_abandoned"));
  client.delete_header(abandoned);
  EXPECT_THROW(client.status(abandoned), ApiError);

  const std::string header_id = client.create_header(upsert_fields("job_bad_data"));
  client.upload_part(header_id, 1, "\x1f\x8b not really gzip");
  client.start_processing(header_id);
  const auto done = client.wait_terminal(header_id, 60s);
  EXPECT_EQ(done.status, "Failed");
  EXPECT_FALSE(done.status_message.empty());
}

TEST_F(ClientAgainstEmulator, DeletedPartIsNoLongerListed) {
  auto client = make_client();
  const std::string header_id = client.create_header(upsert_fields("job_parts"));
  const std::string keep = client.upload_part(header_id, 1, gzip_member(kCsv));
  const std::string drop = client.upload_part(header_id, 2, "extra");
  client.delete_part(drop);
  const auto parts = client.list_parts(header_id);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].id, keep);
}

TEST_F(ClientAgainstEmulator, PermanentValidationErrorSurfacesTheErrorCode) {
  auto client = make_client();
  auto fields = upsert_fields("job_invalid");
  fields.operation = "Append";  // Append refuses a unique id in the metadata (§1.5)
  try {
    client.create_header(fields);
    FAIL() << "expected ApiError";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 400);
    EXPECT_EQ(error.error_code(), "FIELD_INTEGRITY_EXCEPTION");
    EXPECT_FALSE(error.transient());
    EXPECT_THAT(error.what(), HasSubstr("creating InsightsExternalData header for alias meetings_acme: 400 "
                                        "FIELD_INTEGRITY_EXCEPTION on MetadataJson"));
  }
  EXPECT_EQ(client.retries(), 0);
}

// The uploader sends a job's parts from several threads through one Client.
TEST_F(ClientAgainstEmulator, EightThreadsUploadThePartsOfOneHeader) {
  auto client = make_client();
  const std::string header_id = client.create_header(upsert_fields("job_parallel_parts"));
  std::string csv = "meeting_id,participants\n";
  constexpr int kRows = 5000;
  for (int row = 0; row < kRows; ++row) csv += fmt::format("m-{},{}\n", row, row % 17);
  const std::string data = gzip_member(csv);

  // A client without a token yet: the threads also race for the first token, which must be fetched once.
  auto uploader = make_client();
  constexpr int kThreads = 8;
  const std::size_t slice = data.size() / kThreads + 1;
  std::latch ready(kThreads);
  std::vector<std::string> ids(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      const auto index = static_cast<std::size_t>(i);
      ready.arrive_and_wait();
      ids[index] = uploader.upload_part(header_id, i + 1, std::string_view(data).substr(index * slice, slice));
    });
  }
  for (auto& thread : threads) thread.join();

  const auto parts = client.list_parts(header_id);
  ASSERT_EQ(parts.size(), static_cast<std::size_t>(kThreads));
  for (int i = 0; i < kThreads; ++i) {
    const auto stored = std::find_if(parts.begin(), parts.end(), [&](const PartInfo& p) { return p.part_number == i + 1; });
    ASSERT_NE(stored, parts.end()) << "part " << i + 1;
    EXPECT_EQ(stored->id, ids[static_cast<std::size_t>(i)]);
  }
  client.start_processing(header_id);
  const auto done = client.wait_terminal(header_id, 60s);
  EXPECT_EQ(done.status, "Completed") << done.status_message;
  EXPECT_EQ(client.dataset_row_count("meetings_acme"), static_cast<std::uint64_t>(kRows));
  EXPECT_EQ(uploader.token_fetches(), 1);
  EXPECT_EQ(uploader.retries(), 0);
}

TEST_F(ClientAgainstEmulator, WrongSecretIsAPermanentCredentialsError) {
  auto client = make_client("not-the-secret");
  try {
    client.find_header("job_1");
    FAIL() << "expected ApiError";
  } catch (const ApiError& error) {
    EXPECT_FALSE(error.transient());
    EXPECT_EQ(error.error_code(), "invalid_client");
    EXPECT_THAT(error.what(), HasSubstr("check the configured client id and client secret"));
    EXPECT_THAT(error.what(), ::testing::Not(HasSubstr("not-the-secret")));
  }
}

}  // namespace
}  // namespace insights::salesforce
