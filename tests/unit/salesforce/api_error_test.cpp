#include "shared/salesforce/api_error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace insights::salesforce {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

http::Response response_with(long status, std::string body, http::HeaderList headers = {}) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

TEST(ParseErrorBody, ReadsTheDocumentedArrayWithFields) {
  const auto details = parse_error_body(
      R"([{"fields":["Id"],"message":"Account ID: id value of incorrect type: 001900K0001pPuOAAU","errorCode":"MALFORMED_ID"}])");
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0].error_code, "MALFORMED_ID");
  EXPECT_EQ(details[0].message, "Account ID: id value of incorrect type: 001900K0001pPuOAAU");
  EXPECT_THAT(details[0].fields, ElementsAre("Id"));
}

TEST(ParseErrorBody, ReadsEntriesWithoutFieldsAndSeveralEntries) {
  const auto details = parse_error_body(
      R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"},)"
      R"({"message":"second","errorCode":"INVALID_FIELD","fields":[]}])");
  ASSERT_EQ(details.size(), 2u);
  EXPECT_EQ(details[0].error_code, "NOT_FOUND");
  EXPECT_TRUE(details[0].fields.empty());
  EXPECT_EQ(details[1].error_code, "INVALID_FIELD");
  EXPECT_EQ(details[1].message, "second");
}

TEST(ParseErrorBody, ReadsOAuthErrors) {
  const auto details = parse_error_body(R"({"error":"invalid_client","error_description":"invalid client credentials"})");
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0].error_code, "invalid_client");
  EXPECT_EQ(details[0].message, "invalid client credentials");
}

TEST(ParseErrorBody, ReturnsNothingForNonJsonOrUnrelatedJson) {
  EXPECT_TRUE(parse_error_body("<html>Bad Gateway</html>").empty());
  EXPECT_TRUE(parse_error_body("").empty());
  EXPECT_TRUE(parse_error_body(R"({"id":"06V"})").empty());
  EXPECT_TRUE(parse_error_body("[1,2]").empty());
}

TEST(IsTransientFailure, ClassifiesByStatusAndCode) {
  EXPECT_TRUE(is_transient_failure(500, "UNKNOWN_EXCEPTION"));
  EXPECT_TRUE(is_transient_failure(502, ""));
  EXPECT_TRUE(is_transient_failure(503, "SERVER_UNAVAILABLE"));
  EXPECT_TRUE(is_transient_failure(429, ""));
  EXPECT_TRUE(is_transient_failure(403, "REQUEST_LIMIT_EXCEEDED"));
  EXPECT_FALSE(is_transient_failure(403, "INSUFFICIENT_ACCESS_OR_READONLY"));
  EXPECT_FALSE(is_transient_failure(400, "FIELD_INTEGRITY_EXCEPTION"));
  EXPECT_FALSE(is_transient_failure(404, "NOT_FOUND"));
  EXPECT_FALSE(is_transient_failure(401, "INVALID_SESSION_ID"));
}

TEST(ParseRetryAfter, AcceptsDeltaSecondsOnly) {
  EXPECT_EQ(parse_retry_after(std::string("1")), std::chrono::seconds(1));
  EXPECT_EQ(parse_retry_after(std::string("120")), std::chrono::seconds(120));
  EXPECT_FALSE(parse_retry_after(std::string("Wed, 21 Oct 2015 07:28:00 GMT")));
  EXPECT_FALSE(parse_retry_after(std::string("-3")));
  EXPECT_FALSE(parse_retry_after(std::string("")));
  EXPECT_FALSE(parse_retry_after(std::nullopt));
}

TEST(ApiErrorFromResponse, PermanentValidationErrorNamesCallCodeFieldAndMessage) {
  const auto error = api_error_from_response(
      "creating InsightsExternalData header for alias meetings_acme",
      response_with(400, R"([{"message":"Invalid metadata","errorCode":"FIELD_INTEGRITY_EXCEPTION","fields":["MetadataJson"]}])"));
  EXPECT_EQ(error.http_status(), 400);
  EXPECT_EQ(error.error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_EQ(error.salesforce_message(), "Invalid metadata");
  EXPECT_THAT(error.fields(), ElementsAre("MetadataJson"));
  EXPECT_FALSE(error.transient());
  EXPECT_THAT(error.what(), HasSubstr("creating InsightsExternalData header for alias meetings_acme: 400 "
                                      "FIELD_INTEGRITY_EXCEPTION on MetadataJson: Invalid metadata"));
  EXPECT_THAT(error.what(), HasSubstr("will not help"));
}

TEST(ApiErrorFromResponse, LimitAndOverloadErrorsAreTransientAndCarryRetryAfter) {
  const auto limited = api_error_from_response(
      "x", response_with(403, R"([{"message":"ConcurrentRequests","errorCode":"REQUEST_LIMIT_EXCEEDED"}])"));
  EXPECT_TRUE(limited.transient());
  EXPECT_EQ(limited.error_code(), "REQUEST_LIMIT_EXCEEDED");

  const auto throttled = api_error_from_response("x", response_with(429, "", {{"retry-after", "7"}}));
  EXPECT_TRUE(throttled.transient());
  EXPECT_EQ(throttled.retry_after(), std::chrono::seconds(7));
  EXPECT_THAT(throttled.what(), HasSubstr("empty response body"));
}

TEST(ApiErrorFromResponse, UnparsableBodyIsQuotedShortened) {
  const auto error = api_error_from_response("x", response_with(502, "<html>" + std::string(500, 'a') + "</html>"));
  EXPECT_TRUE(error.transient());
  EXPECT_THAT(error.what(), HasSubstr("502 unparsed body: <html>aaa"));
  EXPECT_LT(std::string(error.what()).size(), 400u);
}

TEST(ApiErrorFromResponse, SeveralEntriesAreAllReported) {
  const auto error = api_error_from_response(
      "x", response_with(400, R"([{"message":"m1","errorCode":"A","fields":["F1","F2"]},{"message":"m2","errorCode":"B"}])"));
  EXPECT_EQ(error.error_code(), "A");
  EXPECT_THAT(error.fields(), ElementsAre("F1", "F2"));
  EXPECT_THAT(error.what(), HasSubstr("400 A on F1,F2: m1; B: m2"));
}

}  // namespace
}  // namespace insights::salesforce
