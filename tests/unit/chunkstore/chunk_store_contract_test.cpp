// The behaviour every chunk store must have, run against each implementation (see *_harness.cpp).
#include "tests/unit/chunkstore/chunk_store_contract.h"

#include "shared/codec/sha256.h"
#include "shared/util/error.h"

namespace insights::chunkstore::testing {
namespace {

TEST_P(ChunkStoreContract, NameIsTheSameForEveryStore) {
  EXPECT_EQ(store().name(id), "org-1/meetings/run_20240601/batch-000042");
}

TEST_P(ChunkStoreContract, RoundTrip) {
  const std::string data = random_bytes(123457, 1);
  const ChunkMeta committed = put(id, data);

  EXPECT_EQ(committed.bytes, data.size());
  EXPECT_EQ(committed.sha256, codec::sha256_hex(data));
  EXPECT_EQ(committed.records, 42u);
  EXPECT_EQ(committed.rejected, 1u);
  EXPECT_EQ(committed.crc32, 0x01020304u);
  EXPECT_EQ(committed.uncompressed_bytes, 999u);

  EXPECT_EQ(store().find(id), committed);
  auto reader = store().open(id);
  EXPECT_TRUE(read_all(*reader, 4096) == data);
  EXPECT_NO_THROW(store().verify(id, committed));
  EXPECT_EQ(harness->objects(), (std::vector<std::string>{"org-1/meetings/run_20240601/batch-000042.deflate",
                                                          "org-1/meetings/run_20240601/batch-000042.json"}));
}

TEST_P(ChunkStoreContract, EmptyChunk) {
  const ChunkMeta committed = put(id, "");
  EXPECT_EQ(committed.bytes, 0u);
  EXPECT_EQ(store().find(id), committed);
  EXPECT_EQ(read_all(*store().open(id), 16), "");
  EXPECT_NO_THROW(store().verify(id, committed));
}

TEST_P(ChunkStoreContract, FindOnlyAfterCommit) {
  EXPECT_FALSE(store().find(id).has_value());
  auto writer = store().create(id);
  writer->write("some bytes");
  EXPECT_FALSE(store().find(id).has_value());
  const ChunkMeta committed = writer->commit(counts());
  EXPECT_EQ(store().find(id), committed);
}

TEST_P(ChunkStoreContract, AbandonedWriterLeavesNothing) {
  {
    auto writer = store().create(id);
    writer->write(random_bytes(5000, 2));
  }
  EXPECT_FALSE(store().find(id).has_value());
  EXPECT_TRUE(harness->objects().empty());
  EXPECT_THROW(store().open(id), Error);
}

TEST_P(ChunkStoreContract, WriterRefusesUseAfterCommit) {
  auto writer = store().create(id);
  writer->write("x");
  writer->commit(counts());
  EXPECT_THROW(writer->write("y"), Error);
  EXPECT_THROW(writer->commit(counts()), Error);
  EXPECT_EQ(store().find(id)->bytes, 1u);
}

TEST_P(ChunkStoreContract, DataWithoutMetadataIsNotCommitted) {
  put(id, "abc");
  harness->remove_meta(id);
  EXPECT_FALSE(store().find(id).has_value());
}

TEST_P(ChunkStoreContract, SizeMismatchHidesTheChunk) {
  put(id, "abcdef");
  harness->truncate_data(id, 3);
  EXPECT_FALSE(store().find(id).has_value());
}

TEST_P(ChunkStoreContract, CorruptMetadataIsReportedWithItsLocation) {
  put(id, "abc");
  harness->overwrite_meta(id, "{not json");
  const std::string message = error_of([&] { (void)store().find(id); });
  EXPECT_NE(message.find(harness->meta_location(id)), std::string::npos) << message;
}

TEST_P(ChunkStoreContract, VerifyDetectsFlippedByte) {
  const std::string data = random_bytes(50000, 3);
  const ChunkMeta committed = put(id, data);
  harness->flip_byte(id, 25000);
  EXPECT_EQ(store().find(id), committed);  // same size, so only hashing can tell
  const std::string message = error_of([&] { store().verify(id, committed); });
  EXPECT_NE(message.find("SHA-256"), std::string::npos) << message;
  EXPECT_NE(message.find(store().name(id)), std::string::npos) << message;
}

TEST_P(ChunkStoreContract, VerifyDetectsTruncation) {
  const ChunkMeta committed = put(id, random_bytes(50000, 4));
  harness->truncate_data(id, 49999);
  const std::string message = error_of([&] { store().verify(id, committed); });
  EXPECT_NE(message.find("49999 bytes, expected 50000"), std::string::npos) << message;
  EXPECT_NE(message.find(store().name(id)), std::string::npos) << message;
}

TEST_P(ChunkStoreContract, VerifyAgainstDifferentExpectation) {
  ChunkMeta committed = put(id, "payload");
  committed.sha256 = codec::sha256_hex("other");
  EXPECT_THROW(store().verify(id, committed), Error);
}

TEST_P(ChunkStoreContract, MissingChunk) {
  EXPECT_NE(error_of([&] { (void)store().open(id); }).find(store().name(id)), std::string::npos);
  EXPECT_NE(error_of([&] { store().verify(id, counts()); }).find("does not exist"), std::string::npos);
}

TEST_P(ChunkStoreContract, RecommitReplacesTheChunk) {
  put(id, "first version");
  const ChunkMeta second = put(id, "second, longer version");
  EXPECT_EQ(store().find(id), second);
  EXPECT_EQ(read_all(*store().open(id), 3), "second, longer version");
  EXPECT_EQ(harness->objects().size(), 2u);
}

TEST_P(ChunkStoreContract, ConcurrentWritersDoNotMix) {
  auto a = store().create(id);
  auto b = store().create(id);
  a->write("from a");
  b->write("from b!");
  a->commit(counts());
  const ChunkMeta last = b->commit(counts());
  EXPECT_EQ(store().find(id), last);
  EXPECT_EQ(read_all(*store().open(id), 64), "from b!");
}

TEST_P(ChunkStoreContract, RemoveDeletesAndIsIdempotent) {
  const ChunkId other{"org-1", "meetings", "run_20240601", 43};
  put(id, "abc");
  put(other, "def");
  store().remove(id);
  EXPECT_FALSE(store().find(id).has_value());
  EXPECT_TRUE(store().find(other).has_value());
  EXPECT_NO_THROW(store().remove(id));
  EXPECT_EQ(harness->objects().size(), 2u);
}

TEST_P(ChunkStoreContract, LargeChunkStreamsThroughSmallReads) {
  // Larger than the S3 store's read block, so reads cross block boundaries.
  const std::string data = random_bytes(5 * 1024 * 1024 + 17, 5);
  const ChunkMeta committed = put(id, data);
  EXPECT_TRUE(read_all(*store().open(id), 777) == data);
  EXPECT_NO_THROW(store().verify(id, committed));
}

TEST_P(ChunkStoreContract, UnsafeIdsAreRefusedBeforeAnyAccess) {
  const std::string nul("a\0b", 3);
  for (const std::string& bad :
       {std::string("a/b"), std::string(".."), std::string(".hidden"), std::string(""), std::string(65, 'x'), nul}) {
    for (const ChunkId& unsafe : {ChunkId{bad, "meetings", "run", 1}, ChunkId{"org", bad, "run", 1},
                                  ChunkId{"org", "meetings", bad, 1}}) {
      EXPECT_THROW((void)store().name(unsafe), Error);
      EXPECT_THROW((void)store().create(unsafe), Error);
      EXPECT_THROW((void)store().find(unsafe), Error);
      EXPECT_THROW((void)store().open(unsafe), Error);
      EXPECT_THROW(store().verify(unsafe, counts()), Error);
      EXPECT_THROW(store().remove(unsafe), Error);
      const JobPath job{unsafe.org, unsafe.dataset, unsafe.run};
      EXPECT_THROW((void)store().list_batches(job), Error);
      EXPECT_THROW((void)store().read_job_state(job), Error);
      EXPECT_THROW(store().write_job_state(job, "{}"), Error);
      EXPECT_THROW(store().remove_job_state(job), Error);
    }
  }
  EXPECT_TRUE(harness->objects().empty());
}

TEST_P(ChunkStoreContract, ListsJobsAndBatches) {
  EXPECT_TRUE(store().list_jobs().empty());
  put(id, "a");
  put({"org-1", "meetings", "run_20240601", 7}, "b");
  put({"org-1", "availability", "run_20240601", 1}, "c");
  put({"org-2", "meetings", "run_x", 3}, "d");
  {
    auto uncommitted = store().create({"org-3", "meetings", "run_y", 1});
    uncommitted->write("never committed");
  }
  EXPECT_EQ(store().list_jobs(), (std::vector<JobPath>{{"org-1", "availability", "run_20240601"},
                                                       {"org-1", "meetings", "run_20240601"},
                                                       {"org-2", "meetings", "run_x"}}));
  EXPECT_EQ(store().list_batches({"org-1", "meetings", "run_20240601"}), (std::vector<std::uint32_t>{7, 42}));
  EXPECT_TRUE(store().list_batches({"org-9", "meetings", "run"}).empty());
}

TEST_P(ChunkStoreContract, ListingIncludesDataWithoutMetadata) {
  put(id, "abc");
  harness->remove_meta(id);
  EXPECT_EQ(store().list_batches({id.org, id.dataset, id.run}), (std::vector<std::uint32_t>{42}));
}

TEST_P(ChunkStoreContract, JobStateRoundTripAndRemoval) {
  const JobPath job{"org-1", "meetings", "run_20240601"};
  EXPECT_FALSE(store().read_job_state(job).has_value());
  store().write_job_state(job, "first");
  store().write_job_state(job, "second");
  EXPECT_EQ(store().read_job_state(job), "second");
  EXPECT_EQ(store().list_jobs(), (std::vector<JobPath>{job}));
  EXPECT_TRUE(store().list_batches(job).empty());
  store().remove_job_state(job);
  EXPECT_NO_THROW(store().remove_job_state(job));
  EXPECT_FALSE(store().read_job_state(job).has_value());
  EXPECT_TRUE(store().list_jobs().empty());
  EXPECT_TRUE(harness->objects().empty());
}

}  // namespace
}  // namespace insights::chunkstore::testing
