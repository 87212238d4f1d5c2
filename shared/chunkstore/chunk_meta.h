#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace insights::chunkstore {

// What a committed chunk holds; stored beside the data and used to verify it before upload.
struct ChunkMeta {
  std::uint64_t bytes = 0;               // size of the stored (compressed) chunk
  std::string sha256;                    // lowercase hex of the stored bytes
  std::uint32_t crc32 = 0;               // CRC-32 of the uncompressed bytes (for the gzip trailer)
  std::uint64_t uncompressed_bytes = 0;
  std::uint64_t records = 0;             // rows in the chunk
  std::uint64_t rejected = 0;            // records of the batch sent to the records DLQ instead

  friend bool operator==(const ChunkMeta&, const ChunkMeta&) = default;
};

std::string to_json(const ChunkMeta& meta);

// Throws insights::Error when the text is not a JSON object with every field present and in range.
ChunkMeta chunk_meta_from_json(std::string_view json);

}  // namespace insights::chunkstore
