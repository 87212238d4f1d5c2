// The requests the uploader sends, as the emulator recorded them, compared field by field with
// external-data-api.md §1: header fields, part fields, decoded blob sizes, PartNumber 1..N, then Process.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "shared/schema/metadata_json.h"
#include "shared/schema/schema.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

const std::string kData = "/services/data/v62.0";

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  EXPECT_FALSE(document.HasParseError()) << json;
  return document;
}

std::vector<std::string> member_names(const rapidjson::Value& object) {
  std::vector<std::string> names;
  for (const auto& m : object.GetObject()) names.emplace_back(m.name.GetString());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(UploaderContract, HeaderPartsAndProcessMatchTheContractFieldByField) {
  UploaderBench bench;
  const auto staged = stage_job(bench.store, {"acme", "meetings", "contract-run"}, 1200, 500, "Upsert");
  publish(bench.pipeline.properties(), staged);
  const auto emulator_options = bench.emulator_options();
  salesforce::Client client({bench.emulator->base_url(), emulator_options.client_id, emulator_options.client_secret},
                            bench.client_options());
  auto options = bench.uploader_options("contract");
  options.upload.app = "";
  uploader::JobTargets targets(client, nullptr, options.upload);
  std::vector<uploader::JobResult> results;
  {
    UploaderThread worker(options, bench.store, targets);
    results = worker.wait_for(1);
  }
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok) << results[0].message;

  std::vector<emulator::RecordedRequest> headers, parts, patches;
  for (const auto& request : bench.emulator->requests()) {
    if (request.method == "POST" && request.path == kData + "/sobjects/InsightsExternalData") headers.push_back(request);
    if (request.method == "POST" && request.path == kData + "/sobjects/InsightsExternalDataPart") parts.push_back(request);
    if (request.method == "PATCH") patches.push_back(request);
  }

  ASSERT_EQ(headers.size(), 1u);
  auto header = parse(headers[0].body_json);
  EXPECT_EQ(member_names(header), (std::vector<std::string>{"Action", "EdgemartAlias", "EdgemartLabel", "FileName",
                                                            "Format", "MetadataJson", "NotificationSent", "Operation"}));
  EXPECT_STREQ(header["EdgemartAlias"].GetString(), "meetings_acme");
  EXPECT_STREQ(header["Format"].GetString(), "Csv");
  EXPECT_STREQ(header["Operation"].GetString(), "Upsert");
  EXPECT_STREQ(header["Action"].GetString(), "None");
  EXPECT_EQ(header["FileName"].GetString(), staged.job.job.file_name());
  const auto metadata = schema::metadata_json(schema::schema().dataset("meetings"), "Upsert");
  ASSERT_TRUE(header["MetadataJson"].IsObject()) << headers[0].body_json;  // base64 that decoded
  EXPECT_EQ(header["MetadataJson"]["bytes"].GetUint64(), metadata.size());

  ASSERT_EQ(static_cast<int>(parts.size()), results[0].parts);
  // Parts go up in parallel, so they may arrive in any order; their numbers must still be exactly 1..N.
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    return json_int(a.body_json, "PartNumber") < json_int(b.body_json, "PartNumber");
  });
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto part = parse(parts[i].body_json);
    EXPECT_EQ(member_names(part), (std::vector<std::string>{"DataFile", "InsightsExternalDataId", "PartNumber"}));
    EXPECT_EQ(part["InsightsExternalDataId"].GetString(), results[0].header_id);
    EXPECT_EQ(part["PartNumber"].GetInt(), static_cast<int>(i) + 1);
    ASSERT_TRUE(part["DataFile"].IsObject()) << parts[i].body_json;
    const auto bytes = part["DataFile"]["bytes"].GetUint64();
    EXPECT_LE(bytes, options.upload.max_part_bytes);
    if (i + 1 < parts.size()) {
      EXPECT_EQ(bytes, options.upload.max_part_bytes);
    }
    total += bytes;
  }
  EXPECT_GT(total, 0u);

  ASSERT_EQ(patches.size(), 1u);
  EXPECT_EQ(patches[0].path, kData + "/sobjects/InsightsExternalData/" + results[0].header_id);
  auto process = parse(patches[0].body_json);
  EXPECT_EQ(member_names(process), (std::vector<std::string>{"Action"}));
  EXPECT_STREQ(process["Action"].GetString(), "Process");
  for (const auto& part : parts) EXPECT_GT(patches[0].sequence, part.sequence);
}

}  // namespace
}  // namespace insights::testing
