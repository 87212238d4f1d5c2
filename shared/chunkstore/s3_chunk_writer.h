#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/s3_client.h"
#include "shared/chunkstore/unique_fd.h"
#include "shared/codec/sha256.h"

namespace insights::chunkstore {

// Stages the chunk in an unlinked temp file (nothing is left behind if the process dies), hashing as it goes; commit
// uploads the data object, then the metadata object, which is the commit marker.
class S3ChunkWriter : public ChunkWriter {
 public:
  S3ChunkWriter(const S3Client& client, std::string data_key, std::string meta_key, const std::filesystem::path& spool_dir);

  void write(std::string_view bytes) override;
  ChunkMeta commit(ChunkMeta meta) override;

 private:
  const S3Client& client_;
  std::string data_key_;
  std::string meta_key_;
  std::filesystem::path spool_path_;  // for messages only: the file is unlinked at once
  UniqueFd spool_;
  codec::Sha256 sha_;
  std::uint64_t bytes_ = 0;
};

}  // namespace insights::chunkstore
