// What only the filesystem store has: its layout on disk and filesystem errors. The shared behaviour is in
// chunk_store_contract_test.cpp, run against this store by file_store_harness.cpp.
#include "shared/chunkstore/file_chunk_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "shared/util/error.h"
#include "tests/unit/chunkstore/chunk_store_contract.h"

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

class FileChunkStoreTest : public ::testing::Test {
 protected:
  TempDir dir;
  fs::path root = dir.path() / "chunks";
  FileChunkStore store{root};
  ChunkId id{"org-1", "meetings", "run_20240601", 42};
};

TEST_F(FileChunkStoreTest, Layout) {
  EXPECT_EQ(store.data_path(id), root / "org-1/meetings/run_20240601/batch-000042.deflate");
  EXPECT_EQ(store.meta_path(id), root / "org-1/meetings/run_20240601/batch-000042.json");
  store.write_job_state({"org-1", "meetings", "run_20240601"}, "{}");
  EXPECT_TRUE(fs::exists(root / "org-1/meetings/run_20240601/job-state.json"));
}

TEST_F(FileChunkStoreTest, UnsafeIdsNeverTouchTheFilesystem) {
  for (const ChunkId& unsafe : {ChunkId{"..", "meetings", "run", 1}, ChunkId{"org", "a/b", "run", 1}}) {
    EXPECT_THROW((void)store.create(unsafe), Error);
    EXPECT_THROW(store.write_job_state({unsafe.org, unsafe.dataset, unsafe.run}, "{}"), Error);
  }
  EXPECT_FALSE(fs::exists(root));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 0);
}

TEST_F(FileChunkStoreTest, ListingIgnoresTempFilesAndStrays) {
  auto writer = store.create(id);  // its temp file starts with '.'
  writer->write("x");
  fs::create_directories(root / ".trash/d/r");
  std::ofstream(root / "org-1/meetings/run_20240601/notes.txt") << "not a chunk";
  std::ofstream(root / "org-1/meetings/run_20240601/batch-12.json") << "not a batch name";
  EXPECT_EQ(store.list_jobs(), (std::vector<JobPath>{{"org-1", "meetings", "run_20240601"}}));
  EXPECT_TRUE(store.list_batches({"org-1", "meetings", "run_20240601"}).empty());
}

TEST_F(FileChunkStoreTest, RemovingTheStateOfAnEmptyJobRemovesItsFolder) {
  const JobPath job{"org-1", "meetings", "run_20240601"};
  store.write_job_state(job, "{}");
  store.remove_job_state(job);
  EXPECT_FALSE(fs::exists(root / "org-1/meetings/run_20240601"));
}

TEST_F(FileChunkStoreTest, FilesystemErrorsNameThePathAndCause) {
  std::ofstream(dir.path() / "blocker") << "a file where a directory should be";
  FileChunkStore blocked(dir.path() / "blocker");
  const std::string message = chunkstore::testing::error_of([&] { (void)blocked.create(id); });
  EXPECT_NE(message.find((dir.path() / "blocker").string()), std::string::npos) << message;
  EXPECT_NE(message.find("Not a directory"), std::string::npos) << message;
}

TEST(FileChunkStore, RefusesEmptyRoot) { EXPECT_THROW(FileChunkStore(fs::path()), Error); }

}  // namespace
}  // namespace insights::chunkstore
