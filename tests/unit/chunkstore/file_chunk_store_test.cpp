#include "shared/chunkstore/file_chunk_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "shared/codec/sha256.h"
#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "chunkstore-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> out;
  if (!fs::exists(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) out.push_back(fs::relative(entry.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_all(ChunkReader& reader, std::size_t buffer_size) {
  std::string out;
  std::vector<char> buffer(buffer_size);
  while (const std::size_t n = reader.read(buffer.data(), buffer.size())) out.append(buffer.data(), n);
  return out;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

ChunkMeta counts() {
  ChunkMeta meta;
  meta.crc32 = 0x01020304u;
  meta.uncompressed_bytes = 999;
  meta.records = 42;
  meta.rejected = 1;
  return meta;
}

class FileChunkStoreTest : public ::testing::Test {
 protected:
  ChunkMeta put(const ChunkId& id, const std::string& data) {
    auto writer = store.create(id);
    for (std::size_t pos = 0; pos < data.size(); pos += 1000) writer->write(std::string_view(data).substr(pos, 1000));
    return writer->commit(counts());
  }

  TempDir dir;
  fs::path root = dir.path() / "chunks";
  FileChunkStore store{root};
  ChunkId id{"org-1", "meetings", "run_20240601", 42};
};

TEST_F(FileChunkStoreTest, NameAndLayout) {
  EXPECT_EQ(store.name(id), "org-1/meetings/run_20240601/batch-000042");
  EXPECT_EQ(store.data_path(id), root / "org-1/meetings/run_20240601/batch-000042.deflate");
  EXPECT_EQ(store.meta_path(id), root / "org-1/meetings/run_20240601/batch-000042.json");
}

TEST_F(FileChunkStoreTest, RoundTrip) {
  const std::string data = random_bytes(123457, 1);
  const ChunkMeta committed = put(id, data);

  EXPECT_EQ(committed.bytes, data.size());
  EXPECT_EQ(committed.sha256, codec::sha256_hex(data));
  EXPECT_EQ(committed.records, 42u);
  EXPECT_EQ(committed.rejected, 1u);
  EXPECT_EQ(committed.crc32, 0x01020304u);
  EXPECT_EQ(committed.uncompressed_bytes, 999u);

  EXPECT_EQ(store.find(id), committed);
  auto reader = store.open(id);
  EXPECT_TRUE(read_all(*reader, 4096) == data);
  EXPECT_NO_THROW(store.verify(id, committed));
  EXPECT_EQ(files_under(root), (std::vector<std::string>{"org-1/meetings/run_20240601/batch-000042.deflate",
                                                         "org-1/meetings/run_20240601/batch-000042.json"}));
}

TEST_F(FileChunkStoreTest, EmptyChunk) {
  const ChunkMeta committed = put(id, "");
  EXPECT_EQ(committed.bytes, 0u);
  EXPECT_EQ(store.find(id), committed);
  EXPECT_EQ(read_all(*store.open(id), 16), "");
  EXPECT_NO_THROW(store.verify(id, committed));
}

TEST_F(FileChunkStoreTest, FindOnlyAfterCommit) {
  EXPECT_FALSE(store.find(id).has_value());
  auto writer = store.create(id);
  writer->write("some bytes");
  EXPECT_FALSE(store.find(id).has_value());
  const ChunkMeta committed = writer->commit(counts());
  EXPECT_EQ(store.find(id), committed);
}

TEST_F(FileChunkStoreTest, AbandonedWriterLeavesNothing) {
  {
    auto writer = store.create(id);
    writer->write(random_bytes(5000, 2));
  }
  EXPECT_FALSE(store.find(id).has_value());
  EXPECT_TRUE(files_under(root).empty());
  EXPECT_THROW(store.open(id), Error);
}

TEST_F(FileChunkStoreTest, WriterRefusesUseAfterCommit) {
  auto writer = store.create(id);
  writer->write("x");
  writer->commit(counts());
  EXPECT_THROW(writer->write("y"), Error);
  EXPECT_THROW(writer->commit(counts()), Error);
  EXPECT_EQ(store.find(id)->bytes, 1u);
}

TEST_F(FileChunkStoreTest, DataWithoutMetadataIsNotCommitted) {
  put(id, "abc");
  fs::remove(store.meta_path(id));
  EXPECT_FALSE(store.find(id).has_value());
}

TEST_F(FileChunkStoreTest, SizeMismatchHidesTheChunk) {
  put(id, "abcdef");
  fs::resize_file(store.data_path(id), 3);
  EXPECT_FALSE(store.find(id).has_value());
}

TEST_F(FileChunkStoreTest, CorruptMetadataIsReportedWithThePath) {
  put(id, "abc");
  std::ofstream(store.meta_path(id), std::ios::trunc) << "{not json";
  const std::string message = error_of([&] { (void)store.find(id); });
  EXPECT_NE(message.find(store.meta_path(id).string()), std::string::npos) << message;
}

TEST_F(FileChunkStoreTest, VerifyDetectsFlippedByte) {
  const std::string data = random_bytes(50000, 3);
  const ChunkMeta committed = put(id, data);
  {
    std::fstream file(store.data_path(id), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(25000);
    file.put(static_cast<char>(data[25000] ^ 0x01));
  }
  EXPECT_EQ(store.find(id), committed);  // same size, so only hashing can tell
  const std::string message = error_of([&] { store.verify(id, committed); });
  EXPECT_NE(message.find("SHA-256"), std::string::npos) << message;
  EXPECT_NE(message.find(store.name(id)), std::string::npos) << message;
}

TEST_F(FileChunkStoreTest, VerifyDetectsTruncation) {
  const ChunkMeta committed = put(id, random_bytes(50000, 4));
  fs::resize_file(store.data_path(id), 49999);
  const std::string message = error_of([&] { store.verify(id, committed); });
  EXPECT_NE(message.find("49999 bytes, expected 50000"), std::string::npos) << message;
  EXPECT_NE(message.find(store.name(id)), std::string::npos) << message;
}

TEST_F(FileChunkStoreTest, VerifyAgainstDifferentExpectation) {
  ChunkMeta committed = put(id, "payload");
  committed.sha256 = codec::sha256_hex("other");
  EXPECT_THROW(store.verify(id, committed), Error);
}

TEST_F(FileChunkStoreTest, MissingChunk) {
  EXPECT_NE(error_of([&] { (void)store.open(id); }).find(store.name(id)), std::string::npos);
  EXPECT_NE(error_of([&] { store.verify(id, counts()); }).find("does not exist"), std::string::npos);
}

TEST_F(FileChunkStoreTest, RecommitReplacesTheChunk) {
  put(id, "first version");
  const ChunkMeta second = put(id, "second, longer version");
  EXPECT_EQ(store.find(id), second);
  EXPECT_EQ(read_all(*store.open(id), 3), "second, longer version");
  EXPECT_EQ(files_under(root).size(), 2u);
}

TEST_F(FileChunkStoreTest, ConcurrentWritersUseDistinctTempFiles) {
  auto a = store.create(id);
  auto b = store.create(id);
  a->write("from a");
  b->write("from b!");
  a->commit(counts());
  const ChunkMeta last = b->commit(counts());
  EXPECT_EQ(store.find(id), last);
  EXPECT_EQ(read_all(*store.open(id), 64), "from b!");
}

TEST_F(FileChunkStoreTest, RemoveDeletesAndIsIdempotent) {
  const ChunkId other{"org-1", "meetings", "run_20240601", 43};
  put(id, "abc");
  put(other, "def");
  store.remove(id);
  EXPECT_FALSE(store.find(id).has_value());
  EXPECT_TRUE(store.find(other).has_value());
  EXPECT_NO_THROW(store.remove(id));
  EXPECT_EQ(files_under(root).size(), 2u);
}

TEST_F(FileChunkStoreTest, LargeChunkStreamsThroughSmallReads) {
  const std::string data = random_bytes(3 * 1024 * 1024 + 17, 5);
  const ChunkMeta committed = put(id, data);
  EXPECT_TRUE(read_all(*store.open(id), 777) == data);
  EXPECT_NO_THROW(store.verify(id, committed));
}

TEST_F(FileChunkStoreTest, UnsafeIdsNeverTouchTheFilesystem) {
  const std::string nul("a\0b", 3);
  for (const std::string& bad :
       {std::string("a/b"), std::string(".."), std::string(".hidden"), std::string(""), std::string(65, 'x'), nul}) {
    for (const ChunkId& unsafe : {ChunkId{bad, "meetings", "run", 1}, ChunkId{"org", bad, "run", 1},
                                  ChunkId{"org", "meetings", bad, 1}}) {
      EXPECT_THROW((void)store.name(unsafe), Error);
      EXPECT_THROW((void)store.create(unsafe), Error);
      EXPECT_THROW((void)store.find(unsafe), Error);
      EXPECT_THROW((void)store.open(unsafe), Error);
      EXPECT_THROW(store.verify(unsafe, counts()), Error);
      EXPECT_THROW(store.remove(unsafe), Error);
    }
  }
  EXPECT_FALSE(fs::exists(root));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 0);
}

TEST_F(FileChunkStoreTest, FilesystemErrorsNameThePathAndCause) {
  std::ofstream(dir.path() / "blocker") << "a file where a directory should be";
  FileChunkStore blocked(dir.path() / "blocker");
  const std::string message = error_of([&] { (void)blocked.create(id); });
  EXPECT_NE(message.find((dir.path() / "blocker").string()), std::string::npos) << message;
  EXPECT_NE(message.find("Not a directory"), std::string::npos) << message;
}

TEST(FileChunkStore, RefusesEmptyRoot) { EXPECT_THROW(FileChunkStore(fs::path()), Error); }

}  // namespace
}  // namespace insights::chunkstore
