#pragma once
#include <filesystem>
#include <optional>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/temp_file.h"
#include "shared/codec/sha256.h"

namespace insights::chunkstore {

// Writes <stem>.deflate then <stem>.json; the metadata file is the commit marker.
class FileChunkWriter : public ChunkWriter {
 public:
  FileChunkWriter(std::filesystem::path data_path, std::filesystem::path meta_path);

  void write(std::string_view bytes) override;
  ChunkMeta commit(ChunkMeta meta) override;

 private:
  std::filesystem::path data_path_;
  std::filesystem::path meta_path_;
  std::optional<TempFile> data_;
  codec::Sha256 sha_;
  std::uint64_t bytes_ = 0;
};

}  // namespace insights::chunkstore
