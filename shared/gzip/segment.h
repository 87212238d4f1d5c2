#pragma once
#include <cstdint>

namespace insights::gzip {

// One independently compressed raw-deflate segment: byte-aligned, no final block, so segments can be
// concatenated inside one gzip member.
struct Segment {
  std::uint32_t crc32 = 0;               // CRC-32 (gzip polynomial) of the uncompressed bytes
  std::uint64_t uncompressed_bytes = 0;
  std::uint64_t compressed_bytes = 0;

  friend bool operator==(const Segment&, const Segment&) = default;
};

}  // namespace insights::gzip
