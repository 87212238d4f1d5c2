#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"
#include "metadata_fixtures.h"
#include "shared/codec/base64.h"

namespace insights::emulator::testing {
namespace {

using ::testing::HasSubstr;

class HeaderValidationTest : public EmulatorTest {
 protected:
  Reply insert(const std::string& body) { return post_json(fmt::format("{}/sobjects/InsightsExternalData", kApi), body); }

  void expect_refused(const std::string& body, const std::string& code, const std::string& field) {
    const auto reply = insert(body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(reply.error_code(), code) << reply.body;
    EXPECT_EQ(reply.error_field(), field) << reply.body;
    EXPECT_TRUE(server->headers().empty()) << "a refused insert must create nothing";
  }
};

TEST_F(HeaderValidationTest, ValidHeaderIsCreatedNewWithActionNone) {
  const auto id = create_header("meetings", "upsert", meetings_metadata(), R"("FileName":"job_7f3a")");
  EXPECT_EQ(id.substr(0, 3), "06V");
  EXPECT_EQ(id.size(), 18U);
  ASSERT_EQ(server->headers().size(), 1U);
  const auto header = server->headers().front();
  EXPECT_EQ(header.status, "New");
  EXPECT_EQ(header.action, "None");
  EXPECT_EQ(header.operation, "Upsert");  // stored canonical
  EXPECT_EQ(header.file_name, "job_7f3a");
}

TEST_F(HeaderValidationTest, MissingAliasIsRequired) {
  expect_refused(R"({"Format":"Csv","Operation":"Overwrite"})", "REQUIRED_FIELD_MISSING", "EdgemartAlias");
}

TEST_F(HeaderValidationTest, MissingOperationIsRequired) {
  expect_refused(R"({"EdgemartAlias":"meetings","Format":"Csv"})", "REQUIRED_FIELD_MISSING", "Operation");
}

TEST_F(HeaderValidationTest, AliasOver80CharactersIsTooLong) {
  expect_refused(header_body(std::string(81, 'a'), "Overwrite", ""), "STRING_TOO_LONG", "EdgemartAlias");
  EXPECT_FALSE(create_header(std::string(80, 'a'), "Overwrite", "").empty());
}

TEST_F(HeaderValidationTest, AliasBreakingTheNamingRulesIsRefused) {
  for (const auto* alias : {"1meetings", "meet__ings", "meetings_", "meetings__c", "meet ings", "m\\u00e9etings"}) {
    expect_refused(header_body(alias, "Overwrite", ""), "FIELD_INTEGRITY_EXCEPTION", "EdgemartAlias");
  }
}

TEST_F(HeaderValidationTest, BadMetadataIsRefusedOnMetadataJson) {
  expect_refused(header_body("meetings", "Overwrite", "", R"("MetadataJson":"not base64!")"), "FIELD_INTEGRITY_EXCEPTION",
                 "MetadataJson");
  expect_refused(header_body("meetings", "Overwrite", R"({"objects":[]})"), "FIELD_INTEGRITY_EXCEPTION", "MetadataJson");
  auto no_precision = meetings_metadata();
  no_precision.replace(no_precision.find(R"("precision":9,)"), 14, "");
  expect_refused(header_body("meetings", "Overwrite", no_precision), "FIELD_INTEGRITY_EXCEPTION", "MetadataJson");
}

TEST_F(HeaderValidationTest, UpsertWithoutUniqueIdIsRefused) {
  expect_refused(header_body("meetings", "Upsert", meetings_metadata(false)), "FIELD_INTEGRITY_EXCEPTION", "MetadataJson");
  expect_refused(header_body("meetings", "Upsert", ""), "FIELD_INTEGRITY_EXCEPTION", "MetadataJson");
}

TEST_F(HeaderValidationTest, AppendWithUniqueIdIsRefused) {
  const auto reply = insert(header_body("meetings", "Append", meetings_metadata(true)));
  EXPECT_EQ(reply.error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_THAT(reply.error_message(), HasSubstr("may not be a unique id for Append"));
  EXPECT_FALSE(create_header("meetings", "Append", meetings_metadata(false)).empty());
}

TEST_F(HeaderValidationTest, UnknownFieldsAreInvalid) {
  expect_refused(header_body("meetings", "Overwrite", "", R"("Colour":"blue")"), "INVALID_FIELD", "Colour");
  expect_refused(header_body("meetings", "Overwrite", "", R"("WorkflowId":"0Fb000000000001")"), "INVALID_FIELD",
                 "WorkflowId");
  expect_refused(header_body("meetings", "Overwrite", "", R"("DataflowRequestId":"x")"), "INVALID_FIELD",
                 "DataflowRequestId");
  expect_refused(header_body("meetings", "Overwrite", "", R"("Id":"06V000000000001AAA")"), "INVALID_FIELD", "Id");
}

TEST_F(HeaderValidationTest, FieldNamesAreCaseInsensitive) {
  const auto reply = insert(R"({"edgemartalias":"meetings","format":"csv","OPERATION":"overwrite"})");
  EXPECT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(server->headers().at(0).operation, "Overwrite");
}

TEST_F(HeaderValidationTest, PicklistsAreChecked) {
  expect_refused(header_body("meetings", "Overwrite", "", R"("Mode":"Fast")"), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                 "Mode");
  expect_refused(header_body("meetings", "Replace", ""), "FIELD_INTEGRITY_EXCEPTION", "Operation");
  expect_refused(header_body("meetings", "Overwrite", "", R"("NotificationSent":"Sometimes")"),
                 "FIELD_INTEGRITY_EXCEPTION", "NotificationSent");
}

TEST_F(HeaderValidationTest, OtherStringFieldsAreChecked) {
  expect_refused(header_body("meetings", "Overwrite", "", R"("FileName":"job 1")"), "FIELD_INTEGRITY_EXCEPTION",
                 "FileName");
  expect_refused(header_body("meetings", "Overwrite", "", fmt::format(R"("EdgemartLabel":"{}")", std::string(256, 'x'))),
                 "STRING_TOO_LONG", "EdgemartLabel");
  expect_refused(header_body("meetings", "Overwrite", "", R"("NotificationEmail":"a@x.org,b@x.org")"),
                 "FIELD_INTEGRITY_EXCEPTION", "NotificationEmail");
}

TEST_F(HeaderValidationTest, WrongJsonTypesAndBrokenJsonAreParserErrors) {
  expect_refused(header_body("meetings", "Overwrite", "", R"("IsIndependentParts":"yes")"), "JSON_PARSER_ERROR",
                 "IsIndependentParts");
  const auto reply = insert(R"({"EdgemartAlias":)");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "JSON_PARSER_ERROR");
  EXPECT_EQ(insert("[1]").error_code(), "JSON_PARSER_ERROR");
  // A NUL would end the text the parser reads: a valid object followed by one is still refused.
  EXPECT_EQ(insert(std::string(R"({"EdgemartAlias":"meetings"})") + '\0' + "}").error_code(), "JSON_PARSER_ERROR");
}

TEST_F(HeaderValidationTest, SystemFieldsFromTheClientAreIgnored) {
  const auto id = create_header("meetings", "Overwrite", "", R"("Status":"Completed","StatusMessage":"fake")");
  EXPECT_EQ(header_field(id, "Status"), "New");
  EXPECT_EQ(header_field(id, "StatusMessage"), "");
}

TEST_F(HeaderValidationTest, UpdatesAreValidatedAndARefusedUpdateChangesNothing) {
  const auto id = create_header("meetings", "Overwrite", "");
  const auto path = fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id);
  const auto refused = patch_json(path, R"({"Operation":"Upsert","EdgemartLabel":"Meetings"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_EQ(header_field(id, "Operation"), "Overwrite");
  EXPECT_EQ(header_field(id, "EdgemartLabel"), "");
  EXPECT_EQ(patch_json(path, R"({"EdgemartLabel":"Meetings"})").status, 204);
  EXPECT_EQ(header_field(id, "EdgemartLabel"), "Meetings");
}

TEST_F(HeaderValidationTest, UpdateAfterProcessIsRefusedExceptAbort) {
  restart([] {
    auto options = test_options();
    options.processing_delay = std::chrono::milliseconds(60'000);  // keep the job Queued
    return options;
  }());
  const auto id = create_header("meetings", "Overwrite", "");
  add_part(id, 1, "name\na\n");
  start_processing(id);
  const auto path = fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id);
  EXPECT_EQ(header_field(id, "Status"), "Queued");
  EXPECT_FALSE(header_field(id, "SubmittedDate").empty());
  const auto refused = patch_json(path, R"({"EdgemartLabel":"Late"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_EQ(patch_json(path, R"({"Action":"Process"})").status, 400);
  EXPECT_EQ(insert_part(id, 2, "b\n").error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_EQ(patch_json(path, R"({"Action":"Abort"})").status, 204);
  EXPECT_EQ(header_field(id, "Status"), "NotProcessed");
  EXPECT_EQ(server->headers().at(0).parts, 0);
}

TEST_F(HeaderValidationTest, PostWithHttpMethodPatchUpdates) {
  const auto id = create_header("meetings", "Overwrite", "");
  const auto reply = post_json(fmt::format("{}/sobjects/InsightsExternalData/{}?_HttpMethod=PATCH", kApi, id),
                               R"({"EdgemartLabel":"Via POST"})");
  EXPECT_EQ(reply.status, 204) << reply.body;
  EXPECT_EQ(header_field(id, "EdgemartLabel"), "Via POST");
  const auto plain_post =
      post_json(fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id), R"({"EdgemartLabel":"x"})");
  EXPECT_EQ(plain_post.status, 405);
}

TEST_F(HeaderValidationTest, MalformedAndUnknownIds) {
  const auto malformed = get(fmt::format("{}/sobjects/InsightsExternalData/06Vshort", kApi));
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.error_code(), "MALFORMED_ID");
  const auto id = create_header("meetings", "Overwrite", "");
  EXPECT_EQ(get(fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id)).status, 200);
  EXPECT_EQ(remove(fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id)).status, 204);
  const auto gone = get(fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id));
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.error_code(), "NOT_FOUND");
  EXPECT_EQ(get(fmt::format("{}/sobjects/Account/{}", kApi, id)).status, 404);
}

TEST_F(HeaderValidationTest, MetadataBlobIsServedBack) {
  const auto id = create_header("meetings", "Upsert", meetings_metadata());
  const auto record = get(fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id)).json();
  const std::string url = record["MetadataJson"].GetString();
  EXPECT_EQ(url, fmt::format("{}/sobjects/InsightsExternalData/{}/MetadataJson", kApi, id));
  EXPECT_EQ(get(url).body, meetings_metadata());
  EXPECT_EQ(record["Status"].GetString(), std::string("New"));
  EXPECT_EQ(record["MetaDataLength"].GetInt64(), static_cast<std::int64_t>(meetings_metadata().size()));
}

}  // namespace
}  // namespace insights::emulator::testing
