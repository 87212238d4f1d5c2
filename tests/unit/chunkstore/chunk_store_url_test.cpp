#include <gtest/gtest.h>

#include "shared/chunkstore/chunk_store_factory.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/chunkstore/retention.h"
#include "shared/chunkstore/s3_xml.h"
#include "shared/util/error.h"
#include "tests/unit/chunkstore/chunk_store_contract.h"

namespace insights::chunkstore {
namespace {

using testing::error_of;

TEST(ChunkStoreUrl, KindsAndRoots) {
  EXPECT_EQ(store_kind("var/chunks"), StoreKind::File);
  EXPECT_EQ(store_kind("/srv/chunks"), StoreKind::File);
  EXPECT_EQ(store_kind("file:///srv/chunks"), StoreKind::File);
  EXPECT_EQ(store_kind("s3://bucket/prefix"), StoreKind::S3);
  EXPECT_EQ(file_store_root("file:///srv/chunks"), "/srv/chunks");
  EXPECT_EQ(file_store_root("var/chunks"), "var/chunks");
  EXPECT_NE(error_of([] { (void)store_kind("gs://bucket"); }).find("s3://bucket/prefix"), std::string::npos);
  EXPECT_NE(error_of([] { (void)file_store_root("file://relative"); }).find("absolute path"), std::string::npos);
}

TEST(ChunkStoreUrl, FactoryOpensTheFilesystemStore) {
  auto store = open_chunk_store("file:///tmp/insights-url-test", {});
  ASSERT_NE(dynamic_cast<FileChunkStore*>(store.get()), nullptr);
  EXPECT_EQ(dynamic_cast<FileChunkStore&>(*store).data_path({"o", "d", "r", 1}),
            "/tmp/insights-url-test/o/d/r/batch-000001.deflate");
}

TEST(ChunkStoreUrl, S3BucketAndPrefix) {
  S3Settings s3;
  parse_s3_url("s3://my-bucket", s3);
  EXPECT_EQ(s3.bucket, "my-bucket");
  EXPECT_EQ(s3.prefix, "");
  parse_s3_url("s3://my-bucket/a/b/", s3);
  EXPECT_EQ(s3.bucket, "my-bucket");
  EXPECT_EQ(s3.prefix, "a/b");
  EXPECT_NE(error_of([&] { parse_s3_url("s3://My_Bucket/x", s3); }).find("not a valid S3 bucket name"), std::string::npos);
  EXPECT_NE(error_of([&] { parse_s3_url("s3://bucket//x", s3); }).find("empty path segment"), std::string::npos);
  EXPECT_NE(error_of([&] { parse_s3_url("http://bucket", s3); }).find("not an S3 URL"), std::string::npos);
}

TEST(ChunkStoreUrl, S3StoreNeedsCredentials) {
  S3Settings s3;
  s3.credentials_source = "environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY";
  const std::string message = error_of([&] { (void)open_chunk_store("s3://bucket/p", s3); });
  EXPECT_NE(message.find("no credentials"), std::string::npos) << message;
  EXPECT_NE(message.find("AWS_SECRET_ACCESS_KEY"), std::string::npos) << message;
}

TEST(S3Xml, TextsAndEntities) {
  const std::string xml =
      "<ListBucketResult><Contents><Key>a&amp;b/c&#x2F;d</Key><Size>3</Size></Contents>"
      "<Contents><Key>x&lt;y&#65;</Key><Size>10</Size></Contents><IsTruncated>true</IsTruncated>"
      "<NextContinuationToken>t+/=</NextContinuationToken></ListBucketResult>";
  EXPECT_EQ(xml_texts(xml, "Key"), (std::vector<std::string>{"a&b/c/d", "x<yA"}));
  EXPECT_EQ(xml_texts(xml, "Size"), (std::vector<std::string>{"3", "10"}));
  EXPECT_EQ(xml_text(xml, "NextContinuationToken"), "t+/=");
  EXPECT_FALSE(xml_text(xml, "Code").has_value());
  EXPECT_EQ(xml_text("<Error><Code>NoSuchBucket</Code>", "Code"), "NoSuchBucket");
  EXPECT_EQ(xml_text("<Code>&bogus;</Code>", "Code"), "&bogus;");
}

TEST(JobState, JsonRoundTripAndErrors) {
  const JobStateRecord record{JobState::DeadLettered, Clock::time_point(std::chrono::seconds(1717243200))};
  const std::string json = to_json(record);
  EXPECT_EQ(json, R"({"state":"dead_lettered","at":"2024-06-01T12:00:00Z","at_unix":1717243200})");
  EXPECT_EQ(job_state_from_json(json), record);
  EXPECT_NE(error_of([] { (void)job_state_from_json(R"({"state":"done","at_unix":1})"); }).find("'done'"),
            std::string::npos);
  EXPECT_NE(error_of([] { (void)job_state_from_json(R"({"state":"completed"})"); }).find("at_unix"), std::string::npos);
  EXPECT_THROW((void)job_state_from_json("nope"), Error);
}

TEST(JobPathText, ParsesOrgDatasetRun) {
  EXPECT_EQ(parse_job_path("org-1/meetings/run_1"), (JobPath{"org-1", "meetings", "run_1"}));
  for (const char* bad : {"org/meetings", "org/meetings/run/extra", "org//run", "../x/y", ""}) {
    EXPECT_THROW((void)parse_job_path(bad), Error) << bad;
  }
}

TEST(BatchFileStem, ParsesOnlyWhatBatchFileStemWrites) {
  EXPECT_EQ(parse_batch_file_stem("batch-000042"), 42u);
  EXPECT_EQ(parse_batch_file_stem("batch-4294967295"), 4294967295u);
  for (const char* bad : {"batch-42", "batch-0000042", "batch-00004x", "batch-4294967296", "chunk-000001", ""}) {
    EXPECT_FALSE(parse_batch_file_stem(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace insights::chunkstore
