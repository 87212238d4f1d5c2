#include "workers/batcher/open_batch.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <random>

#include "shared/chunkstore/file_chunk_store.h"

namespace insights::batcher {
namespace {

struct TempStore {
  TempStore() : root(std::filesystem::temp_directory_path() / ("ob-" + std::to_string(std::random_device{}()))), store(root) {}
  ~TempStore() { std::filesystem::remove_all(root); }
  std::filesystem::path root;
  chunkstore::FileChunkStore store;
};

TEST(OpenBatch, CountsSequenceNumbersAndCommitsAChunk) {
  TempStore t;
  const chunkstore::ChunkId id{"acme", "meetings", "r", 0};
  OpenBatch batch({"acme", "meetings", "r"}, 0, 42, t.store.create(id), 1);
  for (std::uint64_t seq : {0, 1, 2, 4}) {
    ASSERT_TRUE(batch.first_sighting(seq));
    batch.csv_buffer() += "row" + std::to_string(seq) + "\n";
    batch.row_added();
  }
  EXPECT_FALSE(batch.first_sighting(2));
  EXPECT_EQ(batch.missing(5), 1u);
  batch.rejected_without_seq();
  EXPECT_EQ(batch.missing(5), 0u);
  EXPECT_EQ(batch.surplus(5), 0u);
  auto meta = batch.commit();
  EXPECT_EQ(meta.records, 4u);
  EXPECT_EQ(meta.rejected, 1u);
  const std::string csv = "row0\nrow1\nrow2\nrow4\n";
  EXPECT_EQ(meta.uncompressed_bytes, csv.size());
  EXPECT_EQ(meta.crc32, crc32(0, reinterpret_cast<const Bytef*>(csv.data()), static_cast<uInt>(csv.size())));
  EXPECT_TRUE(t.store.find(id).has_value());
}

TEST(OpenBatch, SeesRecordsBeyondTheAnnouncedCount) {
  TempStore t;
  OpenBatch batch({"acme", "meetings", "r"}, 0, 0, nullptr, 1);
  EXPECT_TRUE(batch.skipping());
  for (std::uint64_t seq : {0, 1, 2, 700}) batch.first_sighting(seq);
  EXPECT_EQ(batch.surplus(3), 1u);
  EXPECT_EQ(batch.missing(3), 0u);
  EXPECT_EQ(batch.missing(4), 1u);
}

}  // namespace
}  // namespace insights::batcher
