#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"
#include "metadata_fixtures.h"

namespace insights::emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string encode(const std::string& soql) {
  std::string out;
  for (const char c : soql) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-') {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

class QueryTest : public EmulatorTest {
 protected:
  Reply query(const std::string& soql) { return get(fmt::format("{}/query?q={}", kApi, encode(soql))); }
};

TEST_F(QueryTest, FindsHeadersByFileNameNewestFirst) {
  const auto first = create_header("meetings", "Overwrite", "", R"("FileName":"job_1")");
  const auto second = create_header("meetings", "Overwrite", "", R"("FileName":"job_1")");
  create_header("meetings", "Overwrite", "", R"("FileName":"job_2")");
  const auto reply = query("SELECT Id,Status,Action FROM InsightsExternalData WHERE FileName='job_1' ORDER BY CreatedDate DESC");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto json = reply.json();
  EXPECT_EQ(json["totalSize"].GetInt(), 2);
  EXPECT_TRUE(json["done"].GetBool());
  const auto& records = json["records"];
  ASSERT_EQ(records.Size(), 2U);
  EXPECT_EQ(std::string(records[0]["Id"].GetString()), second);
  EXPECT_EQ(std::string(records[1]["Id"].GetString()), first);
  EXPECT_EQ(std::string(records[0]["Status"].GetString()), "New");
  EXPECT_EQ(std::string(records[0]["attributes"]["type"].GetString()), "InsightsExternalData");
  EXPECT_FALSE(records[0].HasMember("EdgemartAlias"));

  const auto limited = query("SELECT Id FROM InsightsExternalData WHERE FileName='job_1' ORDER BY CreatedDate DESC LIMIT 1");
  EXPECT_EQ(limited.json()["totalSize"].GetInt(), 1);
  EXPECT_EQ(query("SELECT Id FROM InsightsExternalData WHERE FileName='job_9'").json()["totalSize"].GetInt(), 0);
}

TEST_F(QueryTest, ListsPartsInPartNumberOrder) {
  const auto header = create_header("meetings", "Overwrite", "");
  add_part(header, 2, "b");
  add_part(header, 1, "a");
  const auto json =
      query(fmt::format("SELECT Id,PartNumber FROM InsightsExternalDataPart WHERE InsightsExternalDataId='{}' ORDER BY "
                        "PartNumber",
                        header))
          .json();
  ASSERT_EQ(json["records"].Size(), 2U);
  EXPECT_EQ(json["records"][0]["PartNumber"].GetInt(), 1);
  EXPECT_EQ(json["records"][1]["PartNumber"].GetInt(), 2);
}

TEST_F(QueryTest, UnsupportedQueryIsMalformed) {
  const auto reply = query("SELECT Id FROM InsightsExternalData WHERE FileName LIKE 'job%'");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "MALFORMED_QUERY");
  EXPECT_THAT(reply.error_message(), HasSubstr("LIKE"));
}

TEST_F(QueryTest, RowCountIsServedLikeTheAnalyticsApi) {
  EXPECT_EQ(get(fmt::format("{}/wave/datasets/meetings", kApi)).error_code(), "NOT_FOUND");
  ASSERT_EQ(upload("meetings", "Overwrite", "", "name\na\nb\n"), "Completed");
  const auto dataset = get(fmt::format("{}/wave/datasets/meetings", kApi)).json();
  ASSERT_TRUE(dataset.IsObject());
  const std::string dataset_id = dataset["id"].GetString();
  const std::string version_id = dataset["currentVersionId"].GetString();
  EXPECT_THAT(dataset_id, StartsWith("0Fb"));
  EXPECT_THAT(version_id, StartsWith("0Fc"));
  EXPECT_EQ(std::string(dataset["name"].GetString()), "meetings");

  const auto version = get(fmt::format("{}/wave/datasets/{}/versions/{}", kApi, dataset_id, version_id)).json();
  EXPECT_EQ(version["totalRowCount"].GetInt(), 2);
  const auto old_api = get(fmt::format("/services/data/v52.0/wave/datasets/{}/versions/{}", dataset_id, version_id)).json();
  EXPECT_FALSE(old_api.HasMember("totalRowCount"));
  EXPECT_EQ(old_api["totalRows"].GetInt(), 2);

  ASSERT_EQ(upload("meetings", "Overwrite", "", "name\na\n"), "Completed");
  const auto updated = get(fmt::format("{}/wave/datasets/{}", kApi, dataset_id)).json();
  const std::string new_version = updated["currentVersionId"].GetString();
  EXPECT_NE(new_version, version_id);
  EXPECT_EQ(get(fmt::format("{}/wave/datasets/{}/versions/{}", kApi, dataset_id, new_version)).json()["totalRowCount"].GetInt(),
            1);
}

TEST_F(QueryTest, AdminEndpointsReadBackDatasetsAndHeaders) {
  ASSERT_EQ(upload("meetings", "Overwrite", "", "name,city\na,Oslo\nb,Bergen\n"), "Completed");
  const auto dataset = get("/__admin/datasets/meetings?limit=1", false).json();
  EXPECT_EQ(std::string(dataset["alias"].GetString()), "meetings");
  EXPECT_EQ(dataset["row_count"].GetInt(), 2);
  ASSERT_EQ(dataset["rows"].Size(), 1U);
  EXPECT_EQ(std::string(dataset["rows"][0][1].GetString()), "Oslo");
  EXPECT_EQ(dataset["columns"].Size(), 2U);
  EXPECT_EQ(get("/__admin/datasets/nothing", false).status, 404);
  const auto headers = get("/__admin/headers", false).json();
  ASSERT_EQ(headers.Size(), 1U);
  EXPECT_EQ(std::string(headers[0]["status"].GetString()), "Completed");
  EXPECT_EQ(headers[0]["parts"].GetInt(), 1);
}

}  // namespace
}  // namespace insights::emulator::testing
