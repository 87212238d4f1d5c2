#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "shared/gzip/segment.h"

namespace insights::gzip {

// Streams input through ISA-L deflate into a fixed output buffer handed to `sink` as it fills; never holds
// the whole input. finish() ends the segment with a sync flush (byte-aligned, no final block) and leaves the
// writer ready to compress the next, fully independent segment with the same buffers.
class SegmentWriter {
 public:
  using Sink = std::function<void(std::string_view)>;

  static constexpr int kDefaultLevel = 1;
  static constexpr std::size_t kOutputBufferBytes = 256 * 1024;

  SegmentWriter(int level, Sink sink);  // level 0..3 (ISA-L levels)
  ~SegmentWriter();
  SegmentWriter(SegmentWriter&&) noexcept;
  SegmentWriter& operator=(SegmentWriter&&) noexcept;
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  void write(std::string_view data);
  Segment finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Compresses `data` as one segment, appending the compressed bytes to `out`.
Segment compress_segment(int level, std::string_view data, std::string& out);

}  // namespace insights::gzip
