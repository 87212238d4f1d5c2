#include "shared/salesforce/request_bodies.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "shared/codec/base64.h"

namespace insights::salesforce {
namespace {

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  EXPECT_FALSE(document.HasParseError()) << json;
  return document;
}

TEST(HeaderInsertBody, CarriesTheFieldsAndBase64Metadata) {
  HeaderFields fields;
  fields.alias = "meetings_acme";
  fields.label = "Meetings \"ACME\" \\ \n";
  fields.container = "Insights_App";
  fields.file_name = "job_7f3a";
  fields.operation = "Upsert";
  fields.metadata_json = R"({"fileFormat":{"charsetName":"UTF-8"},"objects":[]})";
  const auto document = parse(header_insert_body(fields));
  EXPECT_STREQ(document["EdgemartAlias"].GetString(), "meetings_acme");
  EXPECT_STREQ(document["EdgemartLabel"].GetString(), "Meetings \"ACME\" \\ \n");  // escaped, so it round-trips
  EXPECT_STREQ(document["EdgemartContainer"].GetString(), "Insights_App");
  EXPECT_STREQ(document["FileName"].GetString(), "job_7f3a");
  EXPECT_STREQ(document["Format"].GetString(), "Csv");
  EXPECT_STREQ(document["Operation"].GetString(), "Upsert");
  EXPECT_STREQ(document["Action"].GetString(), "None");
  EXPECT_STREQ(document["NotificationSent"].GetString(), "Never");
  EXPECT_EQ(codec::base64_decode(document["MetadataJson"].GetString()), fields.metadata_json);
}

TEST(HeaderInsertBody, LeavesOutEmptyOptionalFields) {
  HeaderFields fields;
  fields.alias = "a";
  fields.operation = "Overwrite";
  fields.notification_sent.clear();
  const auto document = parse(header_insert_body(fields));
  EXPECT_FALSE(document.HasMember("EdgemartLabel"));
  EXPECT_FALSE(document.HasMember("EdgemartContainer"));
  EXPECT_FALSE(document.HasMember("FileName"));
  EXPECT_FALSE(document.HasMember("MetadataJson"));
  EXPECT_FALSE(document.HasMember("NotificationSent"));
  EXPECT_EQ(document.MemberCount(), 4u);
}

TEST(PartInsertBody, CarriesHeaderIdNumberAndBase64OfBinaryBytes) {
  const std::string bytes("\x1f\x8b\x08\x00\x00\xff", 6);
  const auto document = parse(part_insert_body("06V000000000001AAA", 3, bytes));
  EXPECT_STREQ(document["InsightsExternalDataId"].GetString(), "06V000000000001AAA");
  ASSERT_TRUE(document["PartNumber"].IsInt());
  EXPECT_EQ(document["PartNumber"].GetInt(), 3);
  EXPECT_EQ(codec::base64_decode(document["DataFile"].GetString()), bytes);
}

TEST(ProcessActionBody, SetsActionProcess) { EXPECT_EQ(process_action_body(), R"({"Action":"Process"})"); }

TEST(ClientCredentialsForm, UrlEncodesTheValues) {
  const Credentials credentials{"https://login.example", "id with space", "s&cr=t+/"};
  EXPECT_EQ(client_credentials_form(credentials),
            "grant_type=client_credentials&client_id=id%20with%20space&client_secret=s%26cr%3Dt%2B%2F");
}

}  // namespace
}  // namespace insights::salesforce
