#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "emulator_test_client.h"
#include "tests/support/zlib_gzip.h"
#include "metadata_fixtures.h"
#include "shared/codec/base64.h"

namespace insights::emulator::testing {
namespace {

using insights::testing::gzip_member;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kHeader = "meeting_id,participants,start_utc\n";

std::string row(const std::string& id, int participants) {
  return fmt::format("{},{},2024-05-01T10:00:00Z\n", id, participants);
}

using ProcessingTest = EmulatorTest;

TEST_F(ProcessingTest, GzipUploadCutIntoPartsCompletes) {
  const auto data = gzip_member(kHeader + row("m1", 1) + row("m2", 2) + row("m3", 3));
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  const auto third = data.size() / 3;
  add_part(id, 3, data.substr(2 * third));  // out of order on purpose: order comes from PartNumber
  add_part(id, 1, data.substr(0, third));
  add_part(id, 2, data.substr(third, third));
  start_processing(id);
  EXPECT_EQ(wait_for_terminal(id), "Completed");
  const auto dataset = server->dataset("meetings");
  ASSERT_TRUE(dataset);
  EXPECT_THAT(dataset->columns, ElementsAre("meeting_id", "participants", "start_utc"));
  EXPECT_EQ(dataset->rows.size(), 3U);
  EXPECT_EQ(dataset->version, 1U);
}

TEST_F(ProcessingTest, StatusWalksThroughQueuedAndInProgress) {
  auto options = test_options();
  options.processing_delay = std::chrono::milliseconds(60'000);
  restart(options);
  const auto id = create_header("meetings", "Overwrite", "");
  add_part(id, 1, "name\na\n");
  EXPECT_EQ(header_field(id, "Status"), "New");
  start_processing(id);
  EXPECT_EQ(header_field(id, "Status"), "Queued");
  EXPECT_EQ(header_field(id, "Action"), "Process");
}

TEST_F(ProcessingTest, PartNumberGapFails) {
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  add_part(id, 1, kHeader);
  add_part(id, 3, row("m1", 1));
  start_processing(id);
  EXPECT_EQ(wait_for_terminal(id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("part 2 is missing"));
  EXPECT_FALSE(server->dataset("meetings"));
}

TEST_F(ProcessingTest, ProcessWithoutPartsFails) {
  const auto id = create_header("meetings", "Overwrite", "");
  start_processing(id);
  EXPECT_EQ(wait_for_terminal(id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("no parts"));
}

TEST_F(ProcessingTest, TwoGzipMembersFail) {
  const auto data = gzip_member(kHeader + row("m1", 1)) + gzip_member(row("m2", 2));
  std::string id;
  EXPECT_EQ(upload("meetings", "Overwrite", meetings_metadata(), data, &id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("several gzip members"));
  EXPECT_FALSE(server->dataset("meetings"));
}

TEST_F(ProcessingTest, FirstMemberOnlyModeLoadsOnlyTheFirstMember) {
  auto options = test_options();
  options.first_member_only = true;
  restart(options);
  const auto data = gzip_member(kHeader + row("m1", 1)) + gzip_member(row("m2", 2));
  EXPECT_EQ(upload("meetings", "Overwrite", meetings_metadata(), data), "Completed");
  EXPECT_EQ(server->dataset("meetings")->rows.size(), 1U);
}

TEST_F(ProcessingTest, BadRowsGiveCompletedWithWarnings) {
  const auto data = kHeader + row("m1", 1) + "m2,many,2024-05-01T10:00:00Z\n" + "m3,3,2024-13-01T10:00:00Z\n";
  std::string id;
  EXPECT_EQ(upload("meetings", "Overwrite", meetings_metadata(), gzip_member(data), &id), "CompletedWithWarnings");
  const auto message = header_field(id, "StatusMessage");
  EXPECT_THAT(message, HasSubstr("1 rows loaded, 2 rows rejected"));
  EXPECT_THAT(message, HasSubstr("line 3"));
  EXPECT_EQ(server->dataset("meetings")->rows.size(), 1U);
}

TEST_F(ProcessingTest, HeaderRowNotMatchingTheMetadataFails) {
  std::string id;
  EXPECT_EQ(upload("meetings", "Overwrite", meetings_metadata(), "id,participants,start_utc\n" + row("m1", 1), &id),
            "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("header column 1"));
}

TEST_F(ProcessingTest, OverwriteUpsertDeleteAndAppendAreApplied) {
  ASSERT_EQ(upload("meetings", "Overwrite", meetings_metadata(), gzip_member(kHeader + row("m1", 1) + row("m2", 2))),
            "Completed");
  ASSERT_EQ(upload("meetings", "Upsert", meetings_metadata(), gzip_member(kHeader + row("m2", 20) + row("m3", 3))),
            "Completed");
  auto dataset = server->dataset("meetings");
  ASSERT_TRUE(dataset);
  ASSERT_EQ(dataset->rows.size(), 3U);
  EXPECT_EQ(dataset->rows[1][0], "m2");
  EXPECT_EQ(dataset->rows[1][1], "20");
  EXPECT_EQ(dataset->rows[2][0], "m3");
  ASSERT_EQ(upload("meetings", "Delete", meetings_metadata(), gzip_member(kHeader + row("m1", 0))), "Completed");
  dataset = server->dataset("meetings");
  ASSERT_EQ(dataset->rows.size(), 2U);
  EXPECT_EQ(dataset->rows[0][0], "m2");
  EXPECT_EQ(dataset->version, 3U);

  const auto plain = meetings_metadata(false);
  ASSERT_EQ(upload("rooms", "Overwrite", plain, gzip_member(kHeader + row("r1", 1))), "Completed");
  ASSERT_EQ(upload("rooms", "Append", plain, gzip_member(kHeader + row("r1", 1) + row("r2", 2))), "Completed");
  EXPECT_EQ(server->dataset("rooms")->rows.size(), 3U);
}

TEST_F(ProcessingTest, UpsertWithRepeatedKeyFailsAndKeepsTheDataset) {
  ASSERT_EQ(upload("meetings", "Overwrite", meetings_metadata(), kHeader + row("m1", 1)), "Completed");
  std::string id;
  EXPECT_EQ(upload("meetings", "Upsert", meetings_metadata(), kHeader + row("m2", 1) + row("m2", 2), &id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("more than once"));
  EXPECT_EQ(server->dataset("meetings")->rows.size(), 1U);
}

TEST_F(ProcessingTest, AppendOntoADatasetWithAUniqueIdFails) {
  ASSERT_EQ(upload("meetings", "Overwrite", meetings_metadata(true), kHeader + row("m1", 1)), "Completed");
  std::string id;
  EXPECT_EQ(upload("meetings", "Append", meetings_metadata(false), kHeader + row("m2", 1), &id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("Append is refused"));
}

TEST_F(ProcessingTest, TerminalHeaderCanBeDeletedButNotUpdated) {
  std::string id;
  ASSERT_EQ(upload("meetings", "Overwrite", "", "name\na\n", &id), "Completed");
  const auto path = fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, id);
  EXPECT_EQ(patch_json(path, R"({"Action":"Process"})").error_code(), "FIELD_INTEGRITY_EXCEPTION");
  EXPECT_EQ(remove(path).status, 204);
  EXPECT_TRUE(server->headers().empty());
  EXPECT_EQ(server->dataset("meetings")->rows.size(), 1U);
}

TEST_F(ProcessingTest, JobsOverTheDailyLimitOfADatasetFail) {
  auto options = test_options();
  options.max_jobs_per_dataset_per_day = 3;
  restart(options);
  for (int job = 0; job < 3; ++job) ASSERT_EQ(upload("meetings", "Overwrite", "", "name\na\n"), "Completed");
  std::string id;
  EXPECT_EQ(upload("meetings", "Overwrite", "", "name\na\n", &id), "Failed");
  EXPECT_THAT(header_field(id, "StatusMessage"), HasSubstr("already took 3 jobs"));
  EXPECT_EQ(upload("rooms", "Overwrite", "", "name\na\n"), "Completed");
}

TEST_F(ProcessingTest, PartsUploadedConcurrentlyAreJoinedByPartNumber) {
  std::string csv = kHeader;
  for (int i = 0; i < 2000; ++i) csv += row(fmt::format("m{}", i), i);
  const auto data = gzip_member(csv);
  const auto id = create_header("meetings", "Overwrite", meetings_metadata());
  constexpr int kParts = 8;
  const auto size = data.size() / kParts + 1;
  std::vector<std::thread> uploaders;
  std::vector<int> statuses(kParts, 0);
  for (int part = 0; part < kParts; ++part) {
    uploaders.emplace_back([&, part] {
      httplib::Client own(server->base_url());
      const auto body = fmt::format(R"({{"InsightsExternalDataId":"{}","PartNumber":{},"DataFile":"{}"}})", id, part + 1,
                                    codec::base64_encode(data.substr(static_cast<std::size_t>(part) * size, size)));
      const auto result = own.Post(fmt::format("{}/sobjects/InsightsExternalDataPart", kApi),
                                   {{"Authorization", "Bearer " + token}}, body, "application/json");
      statuses[static_cast<std::size_t>(part)] = result ? result->status : -1;
    });
  }
  for (auto& uploader : uploaders) uploader.join();
  EXPECT_THAT(statuses, ::testing::Each(201));
  start_processing(id);
  EXPECT_EQ(wait_for_terminal(id), "Completed");
  EXPECT_EQ(server->dataset("meetings")->rows.size(), 2000U);
}

}  // namespace
}  // namespace insights::emulator::testing
