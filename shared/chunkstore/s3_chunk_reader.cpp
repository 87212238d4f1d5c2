#include "shared/chunkstore/s3_chunk_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "shared/util/error.h"

namespace insights::chunkstore {

S3ChunkReader::S3ChunkReader(const S3Client& client, std::string key, std::uint64_t size, std::size_t block_bytes)
    : client_(client), key_(std::move(key)), size_(size), block_bytes_(std::max<std::size_t>(block_bytes, 1)) {}

void S3ChunkReader::fetch_next_block() {
  const std::uint64_t want = std::min<std::uint64_t>(block_bytes_, size_ - fetched_);
  std::optional<std::string> block = client_.get_range(key_, fetched_, want);
  if (!block) {
    throw Error(fmt::format("chunk store: {} disappeared while being read (at byte {} of {}); it was removed or "
                            "replaced, rebuild the chunk by replaying its batch",
                            client_.describe(key_), fetched_, size_));
  }
  if (block->size() != want) {
    throw Error(fmt::format("chunk store: {} gave {} bytes at offset {} where {} were expected; the object changed "
                            "while being read, rebuild the chunk by replaying its batch",
                            client_.describe(key_), block->size(), fetched_, want));
  }
  fetched_ += want;
  block_ = std::move(*block);
  block_pos_ = 0;
}

std::size_t S3ChunkReader::read(char* buf, std::size_t n) {
  if (n == 0) return 0;
  if (block_pos_ == block_.size()) {
    if (fetched_ == size_) return 0;
    fetch_next_block();
  }
  const std::size_t count = std::min(n, block_.size() - block_pos_);
  std::copy_n(block_.data() + block_pos_, count, buf);
  block_pos_ += count;
  return count;
}

}  // namespace insights::chunkstore
