// What only the S3 store has: its keys, and its errors for a missing bucket, refused credentials and no server.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "shared/chunkstore/s3_chunk_store.h"
#include "tests/integration/chunkstore/s3_test_server.h"
#include "tests/unit/chunkstore/chunk_store_contract.h"

namespace insights::chunkstore::testing {
namespace {

class S3StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string reason = s3_skip_reason(); !reason.empty()) GTEST_SKIP() << reason;
    settings = fresh_bucket_settings();
  }
  S3Settings settings;
  ChunkId id{"org-1", "meetings", "run_1", 7};
};

TEST_F(S3StoreTest, KeysLiveUnderThePrefix) {
  S3ChunkStore store(settings);
  EXPECT_EQ(store.data_key(id), "p/q/org-1/meetings/run_1/batch-000007.deflate");
  EXPECT_EQ(store.meta_key(id), "p/q/org-1/meetings/run_1/batch-000007.json");
  EXPECT_EQ(store.state_key({"org-1", "meetings", "run_1"}), "p/q/org-1/meetings/run_1/job-state.json");
  settings.prefix.clear();
  EXPECT_EQ(S3ChunkStore(settings).data_key(id), "org-1/meetings/run_1/batch-000007.deflate");
}

TEST_F(S3StoreTest, MissingBucketSaysCreateIt) {
  S3ChunkStore store(settings);
  const std::string message = error_of([&] { (void)store.find(id); });
  EXPECT_NE(message.find("bucket '" + settings.bucket + "' does not exist"), std::string::npos) << message;
  EXPECT_NE(message.find("create it or fix chunk_store.url"), std::string::npos) << message;
}

TEST_F(S3StoreTest, WrongSecretSaysCheckTheCredentials) {
  S3Client(settings).create_bucket();
  S3Settings wrong = settings;
  wrong.secret_key = "not-the-secret";
  S3ChunkStore store(wrong);
  const std::string message = error_of([&] { (void)store.create(id)->commit({}); });
  EXPECT_NE(message.find("was refused: HTTP 403"), std::string::npos) << message;
  EXPECT_NE(message.find("INSIGHTS_S3_SECRET_ACCESS_KEY"), std::string::npos) << message;
  EXPECT_EQ(message.find("not-the-secret"), std::string::npos) << "the secret leaked into: " << message;
  S3Client(settings).delete_bucket();
}

TEST_F(S3StoreTest, NoServerIsRetriedThenNamed) {
  settings.endpoint = "http://127.0.0.1:9";  // discard port: nothing listens
  settings.max_attempts = 2;
  settings.first_backoff = std::chrono::milliseconds(1);
  S3ChunkStore store(settings);
  const std::string message = error_of([&] { (void)store.find(id); });
  EXPECT_NE(message.find("no answer from http://127.0.0.1:9 after 2 attempts"), std::string::npos) << message;
  EXPECT_NE(message.find("s3://" + settings.bucket + "/p/q/org-1/meetings/run_1/batch-000007.json"), std::string::npos)
      << message;
}

TEST_F(S3StoreTest, ListingPagesThroughMoreThanOnePage) {
  S3Client client(settings);
  client.create_bucket();
  for (int i = 0; i < 1005; ++i) client.put(fmt::format("many/{:04}", i), "x");
  const auto objects = client.list("many/");
  EXPECT_EQ(objects.size(), 1005u);
  EXPECT_EQ(objects.back().key, "many/1004");
  for (const auto& object : objects) client.remove(object.key);
  client.delete_bucket();
}

}  // namespace
}  // namespace insights::chunkstore::testing
