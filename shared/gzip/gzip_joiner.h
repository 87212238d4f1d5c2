#pragma once
#include <cstdint>
#include <functional>
#include <string_view>

#include "shared/gzip/segment.h"

namespace insights::gzip {

// Joins independently compressed segments into ONE gzip member without recompressing (as zlib's gzjoin does):
// gzip header, the segments' bytes as given, a final empty fixed-Huffman block, and a trailer whose CRC-32 is
// combined over all segments.
class GzipJoiner {
 public:
  using Sink = std::function<void(std::string_view)>;

  static constexpr std::uint64_t kHeaderBytes = 10;
  static constexpr std::uint64_t kFinalBlockBytes = 2;
  static constexpr std::uint64_t kTrailerBytes = 8;

  // Bytes the joiner adds around the segments: the stream is framing_bytes() + sum of compressed_bytes.
  static constexpr std::uint64_t framing_bytes() { return kHeaderBytes + kFinalBlockBytes + kTrailerBytes; }

  explicit GzipJoiner(Sink sink);

  // Starts the next segment; the bytes of the previous one must have been written in full.
  void begin_segment(const Segment& segment);
  void write(std::string_view compressed_bytes_of_current_segment);
  void finish();

  std::uint32_t crc32() const { return crc_; }
  std::uint64_t uncompressed_bytes() const { return uncompressed_; }
  std::uint64_t bytes_written() const { return written_; }

 private:
  void emit(std::string_view bytes);
  void ensure_header();
  void check_current_complete() const;
  void check_open(const char* operation) const;

  Sink sink_;
  Segment current_{};
  std::uint64_t current_written_ = 0;
  std::uint64_t segments_ = 0;
  std::uint32_t crc_ = 0;
  std::uint64_t uncompressed_ = 0;
  std::uint64_t written_ = 0;
  bool header_written_ = false;
  bool finished_ = false;
};

}  // namespace insights::gzip
