#pragma once
#include <cstdint>
#include <string>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/s3_client.h"

namespace insights::chunkstore {

// Streams an object through ranged GETs of `block_bytes` each, so memory stays bounded whatever the chunk size and a
// failed request is retried for its block only.
class S3ChunkReader : public ChunkReader {
 public:
  S3ChunkReader(const S3Client& client, std::string key, std::uint64_t size, std::size_t block_bytes);
  std::size_t read(char* buf, std::size_t n) override;

 private:
  void fetch_next_block();

  const S3Client& client_;
  std::string key_;
  std::uint64_t size_;
  std::size_t block_bytes_;
  std::uint64_t fetched_ = 0;  // bytes of the object fetched so far
  std::string block_;
  std::size_t block_pos_ = 0;
};

}  // namespace insights::chunkstore
