#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"
#include "shared/codec/base64.h"

namespace insights::emulator::testing {
namespace {

using ::testing::HasSubstr;

class PartValidationTest : public EmulatorTest {
 protected:
  Reply insert_raw(const std::string& body) {
    return post_json(fmt::format("{}/sobjects/InsightsExternalDataPart", kApi), body);
  }
};

TEST_F(PartValidationTest, ValidPartIsCreated) {
  const auto header = create_header("meetings", "Overwrite", "");
  const auto reply = insert_part(header, 1, "name\na\n");
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string id = reply.json()["id"].GetString();
  EXPECT_EQ(id.substr(0, 3), "06W");
  const auto record = get(fmt::format("{}/sobjects/InsightsExternalDataPart/{}", kApi, id)).json();
  EXPECT_EQ(record["PartNumber"].GetInt(), 1);
  EXPECT_EQ(record["DataLength"].GetInt(), 7);
  EXPECT_EQ(get(record["DataFile"].GetString()).body, "name\na\n");
}

TEST_F(PartValidationTest, RequiredFieldsAndReferences) {
  const auto header = create_header("meetings", "Overwrite", "");
  const auto data = codec::base64_encode("a\n");
  EXPECT_EQ(insert_raw(fmt::format(R"({{"PartNumber":1,"DataFile":"{}"}})", data)).error_code(), "REQUIRED_FIELD_MISSING");
  EXPECT_EQ(insert_raw(fmt::format(R"({{"InsightsExternalDataId":"{}","DataFile":"{}"}})", header, data)).error_field(),
            "PartNumber");
  EXPECT_EQ(insert_raw(fmt::format(R"({{"InsightsExternalDataId":"{}","PartNumber":1}})", header)).error_field(),
            "DataFile");
  EXPECT_EQ(insert_raw(fmt::format(R"({{"InsightsExternalDataId":"{}","PartNumber":1,"DataFile":""}})", header))
                .error_code(),
            "REQUIRED_FIELD_MISSING");
  auto unknown = header;
  unknown[14] = unknown[14] == '9' ? '8' : '9';
  const auto unknown_header = insert_part(unknown.substr(0, 15), 1, "a\n");
  EXPECT_EQ(unknown_header.error_code(), "INVALID_CROSS_REFERENCE_KEY") << unknown_header.body;
  EXPECT_EQ(insert_part("not-an-id", 1, "a\n").error_code(), "MALFORMED_ID");
  EXPECT_EQ(insert_part(header, 0, "a\n").error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_EQ(insert_raw(fmt::format(R"({{"InsightsExternalDataId":"{}","PartNumber":1,"DataFile":"%%%"}})", header))
                .error_code(),
            "JSON_PARSER_ERROR");
  EXPECT_EQ(insert_raw(fmt::format(R"({{"InsightsExternalDataId":"{}","PartNumber":"one","DataFile":"{}"}})", header,
                                   data))
                .error_code(),
            "JSON_PARSER_ERROR");
  EXPECT_EQ(server->headers().at(0).parts, 0);
}

TEST_F(PartValidationTest, DuplicatePartNumberIsRefused) {
  const auto header = create_header("meetings", "Overwrite", "");
  add_part(header, 1, "a\n");
  const auto reply = insert_part(header, 1, "b\n");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "DUPLICATE_VALUE");
  EXPECT_EQ(server->headers().at(0).parts, 1);
}

TEST_F(PartValidationTest, OversizedPartIsRefused) {
  auto options = test_options();
  options.max_part_bytes = 1000;
  restart(options);
  const auto header = create_header("meetings", "Overwrite", "");
  const auto reply = insert_part(header, 1, std::string(1000, 'x'));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_EQ(reply.error_field(), "DataFile");
  EXPECT_THAT(reply.error_message(), HasSubstr("smaller than 1000 bytes"));
  EXPECT_EQ(insert_part(header, 1, std::string(999, 'x')).status, 201);
}

TEST_F(PartValidationTest, DefaultLimitAcceptsJustUnder10MiB) {
  const auto header = create_header("meetings", "Overwrite", "");
  EXPECT_EQ(insert_part(header, 1, std::string(10'485'759, 'x')).status, 201);
  EXPECT_EQ(insert_part(header, 2, std::string(10'485'760, 'x')).error_code(), "FIELD_INTEGRITY_EXCEPTION");
}

TEST_F(PartValidationTest, BodyOverTheRequestLimitIsAParserError) {
  auto options = test_options();
  options.max_request_bytes = 10'000;
  restart(options);
  const auto header = create_header("meetings", "Overwrite", "");
  const auto reply = insert_part(header, 1, std::string(9'000, 'x'));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "JSON_PARSER_ERROR");
  EXPECT_THAT(reply.error_message(), HasSubstr("too large"));
  EXPECT_FALSE(reply.limit_info.empty());
}

TEST_F(PartValidationTest, PartsCanBeUpdatedAndDeletedWhileNew) {
  const auto header = create_header("meetings", "Overwrite", "");
  const auto first = insert_part(header, 1, "a\n").json();
  const std::string id = first["id"].GetString();
  const auto path = fmt::format("{}/sobjects/InsightsExternalDataPart/{}", kApi, id);
  EXPECT_EQ(patch_json(path, R"({"PartNumber":2})").status, 204);
  EXPECT_EQ(get(path).json()["PartNumber"].GetInt(), 2);
  const auto other_header = create_header("other", "Overwrite", "");
  const auto moved = patch_json(path, fmt::format(R"({{"InsightsExternalDataId":"{}"}})", other_header));
  EXPECT_EQ(moved.error_code(), "INVALID_FIELD_FOR_INSERT_UPDATE");
  EXPECT_EQ(remove(path).status, 204);
  EXPECT_EQ(get(path).status, 404);
}

}  // namespace
}  // namespace insights::emulator::testing
