// Runs the chunk store contract against FileChunkStore in a fresh temporary directory per test.
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "shared/chunkstore/file_chunk_store.h"
#include "tests/unit/chunkstore/chunk_store_contract.h"

namespace insights::chunkstore::testing {
namespace {

namespace fs = std::filesystem;

class FileHarness : public StoreHarness {
 public:
  ~FileHarness() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  ChunkStore& store() override { return store_; }
  std::vector<std::string> objects() override {
    std::vector<std::string> out;
    if (!fs::exists(root_)) return out;
    for (const auto& entry : fs::recursive_directory_iterator(root_)) {
      if (entry.is_regular_file()) out.push_back(fs::relative(entry.path(), root_).string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  void remove_meta(const ChunkId& id) override { fs::remove(store_.meta_path(id)); }
  void truncate_data(const ChunkId& id, std::uint64_t size) override { fs::resize_file(store_.data_path(id), size); }
  void flip_byte(const ChunkId& id, std::uint64_t offset) override {
    std::fstream file(store_.data_path(id), std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(static_cast<std::streamoff>(offset));
    const int c = file.get();
    file.seekp(static_cast<std::streamoff>(offset));
    file.put(static_cast<char>(c ^ 0x01));
  }
  void overwrite_meta(const ChunkId& id, std::string_view text) override {
    std::ofstream(store_.meta_path(id), std::ios::trunc) << text;
  }
  std::string meta_location(const ChunkId& id) override { return store_.meta_path(id).string(); }

 private:
  static fs::path make_temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "chunkstore-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }

  fs::path dir_ = make_temp_dir();
  fs::path root_ = dir_ / "chunks";
  FileChunkStore store_{root_};
};

const HarnessFactory kFile{"File", [] { return std::make_unique<FileHarness>(); }, [] { return std::string(); }};

}  // namespace

INSIGHTS_INSTANTIATE_CHUNK_STORE_CONTRACT(kFile);

}  // namespace insights::chunkstore::testing
