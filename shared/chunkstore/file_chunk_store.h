#pragma once
#include <filesystem>

#include "shared/chunkstore/chunk_store.h"

namespace insights::chunkstore {

// Layout: root/org/dataset/run/batch-000042.deflate with batch-000042.json (metadata, the commit marker).
// Safe for several processes on one volume: every publish is a rename within one directory.
class FileChunkStore : public ChunkStore {
 public:
  explicit FileChunkStore(std::filesystem::path root);

  std::string name(const ChunkId& id) const override;
  std::unique_ptr<ChunkWriter> create(const ChunkId& id) override;
  std::optional<ChunkMeta> find(const ChunkId& id) const override;
  std::unique_ptr<ChunkReader> open(const ChunkId& id) const override;
  void verify(const ChunkId& id, const ChunkMeta& expected) const override;
  void remove(const ChunkId& id) override;

  std::filesystem::path data_path(const ChunkId& id) const;
  std::filesystem::path meta_path(const ChunkId& id) const;

 private:
  std::filesystem::path directory(const ChunkId& id) const;

  std::filesystem::path root_;
};

}  // namespace insights::chunkstore
