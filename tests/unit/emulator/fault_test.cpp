#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator/fault_spec.h"
#include "emulator_test_client.h"
#include "tests/support/zlib_gzip.h"
#include "metadata_fixtures.h"
#include "shared/util/error.h"

namespace insights::emulator::testing {
namespace {

using insights::testing::gzip_member;

using ::testing::HasSubstr;

const std::string kPartPath = fmt::format("{}/sobjects/InsightsExternalDataPart", kApi);
const std::string kData = "meeting_id,participants,start_utc\nm1,1,2024-05-01T10:00:00Z\n";

class FaultTest : public EmulatorTest {
 protected:
  FaultSpec status_fault(int status) {
    FaultSpec spec;
    spec.kind = FaultKind::Status;
    spec.status = status;
    return spec;
  }

  std::size_t part_count() {
    const auto reply = get(fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalDataPart", kApi));
    return reply.json()["totalSize"].GetUint64();
  }
};

TEST_F(FaultTest, StatusFaultRefusesThePartInsertAndChangesNothing) {
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  auto fault = status_fault(503);
  fault.method = "POST";
  fault.path_prefix = kPartPath;
  server->faults().add(fault);
  const auto refused = insert_part(id, 1, kData);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.error_code(), "SERVER_UNAVAILABLE");
  EXPECT_EQ(part_count(), 0U);
  EXPECT_EQ(insert_part(id, 1, kData).status, 201);
  EXPECT_EQ(part_count(), 1U);
}

TEST_F(FaultTest, RefusedLargePartLeavesTheConnectionUsable) {
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  auto fault = status_fault(503);
  fault.path_prefix = kPartPath;
  server->faults().add(fault);
  const std::string large(4'000'000, 'x');
  EXPECT_EQ(insert_part(id, 1, large).status, 503);
  const auto refused = server->requests().back();
  EXPECT_THAT(refused.body_json, HasSubstr(R"("DataFile":{"bytes":4000000)"));
  EXPECT_EQ(insert_part(id, 1, large).status, 201);
  EXPECT_EQ(part_count(), 1U);
}

TEST_F(FaultTest, StatusCodesCarryTheirErrorCodes) {
  server->faults().add(status_fault(500));
  auto limited = status_fault(403);
  limited.error_code = "REQUEST_LIMIT_EXCEEDED";
  server->faults().add(limited);
  const auto path = fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi);
  const auto first = get(path);
  EXPECT_EQ(first.status, 500);
  EXPECT_EQ(first.error_code(), "UNKNOWN_EXCEPTION");
  const auto second = get(path);
  EXPECT_EQ(second.status, 403);
  EXPECT_EQ(second.error_code(), "REQUEST_LIMIT_EXCEEDED");
  EXPECT_EQ(get(path).status, 200);
}

TEST_F(FaultTest, TooManyRequestsCarriesRetryAfter) {
  auto fault = status_fault(429);
  fault.retry_after = 1;
  server->faults().add(fault);
  const auto reply = client->Get(fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi),
                                 {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 429);
  EXPECT_EQ(reply->get_header_value("Retry-After"), "1");
  EXPECT_THAT(reply->body, HasSubstr("REQUEST_LIMIT_EXCEEDED"));
}

TEST_F(FaultTest, RefusedHeaderInsertCreatesNoHeader) {
  server->faults().add(status_fault(503));
  const auto reply = post_json(fmt::format("{}/sobjects/InsightsExternalData", kApi),
                               header_body("meetings", "Overwrite", meetings_metadata()));
  EXPECT_EQ(reply.status, 503);
  EXPECT_TRUE(server->headers().empty());
}

TEST_F(FaultTest, UnlimitedFaultHoldsUntilCleared) {
  auto fault = status_fault(503);
  fault.count = 0;
  server->faults().add(fault);
  const auto path = fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(get(path).status, 503);
  const auto listed = get("/__admin/faults");
  EXPECT_THAT(listed.body, HasSubstr(R"("remaining":null)"));
  EXPECT_EQ(remove("/__admin/faults").status, 204);
  EXPECT_EQ(get(path).status, 200);
}

TEST_F(FaultTest, AdminEndpointAddsListsAndClears) {
  const auto added = post_json(
      "/__admin/faults",
      R"([{"kind":"status","status":503,"count":2,"method":"POST","path_prefix":"/services/data/v62.0/sobjects/InsightsExternalDataPart"},
          {"kind":"fail_processing","alias":"meetings","message":"boom"}])");
  ASSERT_EQ(added.status, 201) << added.body;
  const auto list = get("/__admin/faults").json();
  ASSERT_TRUE(list.IsArray());
  ASSERT_EQ(list.Size(), 2U);
  EXPECT_STREQ(list[0]["kind"].GetString(), "status");
  EXPECT_EQ(list[0]["remaining"].GetUint64(), 2U);
  EXPECT_STREQ(list[1]["alias"].GetString(), "meetings");
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  EXPECT_EQ(insert_part(id, 1, kData).status, 503);
  EXPECT_EQ(get("/__admin/faults").json()[0]["remaining"].GetUint64(), 1U);
  EXPECT_EQ(remove("/__admin/faults").status, 204);
  EXPECT_EQ(get("/__admin/faults").body, "[]");
}

TEST_F(FaultTest, AdminEndpointRefusesBadFaults) {
  const auto unknown = post_json("/__admin/faults", R"({"kind":"explode"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_THAT(unknown.error_message(), HasSubstr("explode"));
  EXPECT_EQ(post_json("/__admin/faults", R"({"status":503})").status, 400);
  EXPECT_EQ(post_json("/__admin/faults", R"({"kind":"fail_processing"})").status, 400);
  EXPECT_EQ(post_json("/__admin/faults", "not json").status, 400);
  EXPECT_TRUE(server->faults().list().empty());
}

TEST_F(FaultTest, DelayedRequestIsThenHandled) {
  FaultSpec fault;
  fault.kind = FaultKind::Delay;
  fault.delay = std::chrono::milliseconds(50);
  server->faults().add(fault);
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(server->headers().size(), 1U);
  EXPECT_TRUE(server->faults().list().empty());
}

TEST_F(FaultTest, DroppedConnectionGetsNoResponseAndAppliesNothing) {
  FaultSpec fault;
  fault.kind = FaultKind::Drop;
  fault.method = "POST";
  server->faults().add(fault);
  const auto result = client->Post(fmt::format("{}/sobjects/InsightsExternalData", kApi),
                                   {{"Authorization", "Bearer " + token}},
                                   header_body("meetings", "Overwrite", meetings_metadata()), "application/json");
  EXPECT_FALSE(result);
  EXPECT_TRUE(server->headers().empty());
  const auto recorded = server->requests();
  ASSERT_FALSE(recorded.empty());
  EXPECT_EQ(recorded.back().status, 0);
  EXPECT_FALSE(create_header("meetings", "Overwrite", meetings_metadata()).empty());
  EXPECT_EQ(server->headers().size(), 1U);
}

TEST_F(FaultTest, ExpireTokensEndsEverySessionAtOnce) {
  FaultSpec fault;
  fault.kind = FaultKind::ExpireTokens;
  server->faults().add(fault);
  const auto path = fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi);
  const auto expired = get(path);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.error_code(), "INVALID_SESSION_ID");
  token = fetch_token();
  EXPECT_EQ(get(path).status, 200);
}

TEST_F(FaultTest, TokensExpireAfterTheGivenNumberOfCalls) {
  FaultSpec fault;
  fault.kind = FaultKind::ExpireTokensAfter;
  fault.calls = 2;
  server->faults().add(fault);
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  EXPECT_EQ(insert_part(id, 1, kData).status, 201);
  const auto refused = insert_part(id, 2, kData);
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.error_code(), "INVALID_SESSION_ID");
  EXPECT_EQ(insert_part(id, 2, kData).status, 401);
  token = fetch_token();
  EXPECT_EQ(part_count(), 1U);
  EXPECT_EQ(insert_part(id, 2, kData).status, 201);
}

TEST_F(FaultTest, FailProcessingFailsTheNextJobOfThatDatasetOnly) {
  FaultSpec fault;
  fault.kind = FaultKind::FailProcessing;
  fault.alias = "meetings";
  fault.message = "Dataflow failed: injected";
  server->faults().add(fault);
  const auto data = gzip_member(kData);
  EXPECT_EQ(upload("other", "Overwrite", meetings_metadata(), data), "Completed");
  std::string id;
  EXPECT_EQ(upload("meetings", "Overwrite", meetings_metadata(), data, &id), "Failed");
  EXPECT_EQ(header_field(id, "StatusMessage"), "Dataflow failed: injected");
  EXPECT_FALSE(server->dataset("meetings"));
  EXPECT_EQ(upload("meetings", "Overwrite", meetings_metadata(), data), "Completed");
  EXPECT_EQ(server->dataset("meetings")->rows.size(), 1U);
}

TEST_F(FaultTest, TokenEndpointCanBeRefusedToo) {
  auto fault = status_fault(503);
  fault.path_prefix = "/services/oauth2/token";
  server->faults().add(fault);
  EXPECT_EQ(post_form("/services/oauth2/token",
                      "grant_type=client_credentials&client_id=insights-local&client_secret=insights-local-secret")
                .status,
            503);
  EXPECT_FALSE(fetch_token().empty());
}

TEST_F(FaultTest, FaultsFromOptionsAreInForceAtStart) {
  auto options = test_options();
  options.faults.push_back(parse_fault_flag("kind=status,status=503,count=2,path_prefix=/services/data"));
  restart(options);
  const auto path = fmt::format("{}/query?q=SELECT+Id+FROM+InsightsExternalData", kApi);
  EXPECT_EQ(get(path).status, 503);
  EXPECT_EQ(get(path).status, 503);
  EXPECT_EQ(get(path).status, 200);
}

TEST(FaultSpecTest, FlagSyntaxReadsEveryKind) {
  const auto status = parse_fault_flag("kind=status,status=429,retry_after=1,count=0,method=POST");
  EXPECT_EQ(status.kind, FaultKind::Status);
  EXPECT_EQ(status.status, 429);
  EXPECT_EQ(status.retry_after, 1);
  EXPECT_EQ(status.count, 0U);
  EXPECT_EQ(status.method, "POST");
  EXPECT_EQ(fault_error_code(status), "REQUEST_LIMIT_EXCEEDED");
  EXPECT_EQ(parse_fault_flag("kind=delay,ms=500").delay, std::chrono::milliseconds(500));
  EXPECT_EQ(parse_fault_flag("kind=drop").kind, FaultKind::Drop);
  EXPECT_EQ(parse_fault_flag("kind=expire_tokens_after,calls=7").calls, 7U);
  const auto failing = parse_fault_flag(R"({"kind":"fail_processing","alias":"meetings_acme","message":"no"})");
  EXPECT_EQ(failing.alias, "meetings_acme");
  EXPECT_EQ(failing.message, "no");
  EXPECT_THROW(parse_fault_flag("kind=status,status=abc"), insights::Error);
  EXPECT_THROW(parse_fault_flag("status=503"), insights::Error);
  EXPECT_THROW(parse_fault_flag("kind=status,bogus=1"), insights::Error);
  EXPECT_THROW(parse_fault_flag("kind=status,503"), insights::Error);
}

}  // namespace
}  // namespace insights::emulator::testing
