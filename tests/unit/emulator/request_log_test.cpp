#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"
#include "metadata_fixtures.h"
#include "shared/codec/sha256.h"

namespace insights::emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using RequestLogTest = EmulatorTest;

TEST_F(RequestLogTest, RecordsRequestsFieldByFieldWithBlobsSummarized) {
  const auto metadata = meetings_metadata();
  const auto id = create_header("meetings", "Overwrite", metadata, R"("FileName":"job_1")");
  add_part(id, 1, "part-one-bytes");
  start_processing(id);

  const auto reply = get("/__admin/requests");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto log = reply.json();
  const auto& requests = log["requests"];
  ASSERT_EQ(requests.Size(), 4U);  // token, header, part, process
  EXPECT_STREQ(requests[0]["path"].GetString(), "/services/oauth2/token");
  EXPECT_STREQ(requests[0]["body"]["grant_type"].GetString(), "client_credentials");
  EXPECT_STREQ(requests[0]["body"]["client_secret"].GetString(), "***");
  EXPECT_THAT(reply.body, Not(HasSubstr("insights-local-secret")));

  const auto& header = requests[1];
  EXPECT_STREQ(header["method"].GetString(), "POST");
  EXPECT_EQ(header["status"].GetInt(), 201);
  EXPECT_STREQ(header["body"]["EdgemartAlias"].GetString(), "meetings");
  EXPECT_STREQ(header["body"]["FileName"].GetString(), "job_1");
  EXPECT_EQ(header["body"]["MetadataJson"]["bytes"].GetUint64(), metadata.size());
  EXPECT_EQ(header["body"]["MetadataJson"]["sha256"].GetString(), codec::sha256_hex(metadata));

  const auto& part = requests[2];
  EXPECT_STREQ(part["path"].GetString(), "/services/data/v62.0/sobjects/InsightsExternalDataPart");
  EXPECT_EQ(part["body"]["PartNumber"].GetInt(), 1);
  EXPECT_EQ(part["body"]["InsightsExternalDataId"].GetString(), id);
  EXPECT_EQ(part["body"]["DataFile"]["bytes"].GetUint64(), 14U);
  EXPECT_EQ(part["body"]["DataFile"]["sha256"].GetString(), codec::sha256_hex("part-one-bytes"));

  EXPECT_STREQ(requests[3]["method"].GetString(), "PATCH");
  EXPECT_EQ(requests[3]["status"].GetInt(), 204);
  EXPECT_STREQ(requests[3]["body"]["Action"].GetString(), "Process");
  EXPECT_EQ(log["last"].GetUint64(), requests[3]["seq"].GetUint64());
}

TEST_F(RequestLogTest, SinceReturnsOnlyLaterRequestsWithQueryAndStatus) {
  const auto before = server->requests();
  ASSERT_FALSE(before.empty());
  get(fmt::format("{}/query?q=SELECT+Id+FROM+Nope", kApi));
  const auto reply = get(fmt::format("/__admin/requests?since={}", before.back().sequence));
  const auto document = reply.json();  // the array below lives in this document
  const auto requests = document["requests"].GetArray();
  ASSERT_EQ(requests.Size(), 1U);
  EXPECT_STREQ(requests[0]["query"]["q"].GetString(), "SELECT Id FROM Nope");
  EXPECT_EQ(requests[0]["status"].GetInt(), 400);
  EXPECT_TRUE(requests[0]["body"].IsNull());
  EXPECT_EQ(get("/__admin/requests?since=x").status, 400);
}

TEST_F(RequestLogTest, KeepsOnlyTheLastRequests) {
  auto options = test_options();
  options.request_log_capacity = 3;
  restart(options);
  for (int i = 0; i < 5; ++i) get(fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData+LIMIT+{}", kApi, i));
  const auto recorded = server->requests();
  ASSERT_EQ(recorded.size(), 3U);
  EXPECT_EQ(recorded.back().query.at("q"), "SELECT Id FROM InsightsExternalData LIMIT 4");
  EXPECT_EQ(recorded.front().sequence + 2, recorded.back().sequence);
}

TEST_F(RequestLogTest, CapacityZeroRecordsNothing) {
  auto options = test_options();
  options.request_log_capacity = 0;
  restart(options);
  create_header("meetings", "Overwrite", meetings_metadata());
  EXPECT_TRUE(server->requests().empty());
}

TEST_F(RequestLogTest, UndecodableBlobIsKeptAsSent) {
  post_json(fmt::format("{}/sobjects/InsightsExternalDataPart", kApi),
            R"({"InsightsExternalDataId":"06V000000000001AAA","PartNumber":1,"DataFile":"%%%"})");
  const auto recorded = server->requests();
  EXPECT_THAT(recorded.back().body_json, HasSubstr(R"("DataFile":"%%%")"));
}

}  // namespace
}  // namespace insights::emulator::testing
