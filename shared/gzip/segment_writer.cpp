#include "shared/gzip/segment_writer.h"

#include <fmt/format.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <vector>

#include "shared/gzip/upper_vector_state.h"
#include "shared/util/error.h"

namespace insights::gzip {
namespace {

// ISA-L counts input in 32-bit fields; larger writes are fed in slices.
constexpr std::size_t kMaxSliceBytes = std::size_t{1} << 30;

std::size_t level_buffer_bytes(int level) {
  switch (level) {
    case 0: return ISAL_DEF_LVL0_DEFAULT;
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    case 3: return ISAL_DEF_LVL3_DEFAULT;
    default:
      throw Error(fmt::format("gzip: compression level {} is not supported; use an ISA-L level from {} to {}", level,
                              ISAL_DEF_MIN_LEVEL, ISAL_DEF_MAX_LEVEL));
  }
}

}  // namespace

struct SegmentWriter::State {
  State(int level, Sink sink_fn)
      : sink(std::move(sink_fn)), level_buf(level_buffer_bytes(level)), out(kOutputBufferBytes), level(level) {
    if (!sink) throw Error("gzip: SegmentWriter needs a sink for its compressed output");
    restart();
  }

  void restart() {
    isal_deflate_init(&stream);
    stream.level = static_cast<std::uint32_t>(level);
    stream.level_buf = level_buf.empty() ? nullptr : level_buf.data();
    stream.level_buf_size = static_cast<std::uint32_t>(level_buf.size());
    stream.gzip_flag = IGZIP_DEFLATE;
    stream.end_of_stream = 0;
    reset_output();
    segment = Segment{};
  }

  void reset_output() {
    stream.next_out = out.data();
    stream.avail_out = static_cast<std::uint32_t>(out.size());
  }

  void emit_output() {
    const std::size_t produced = out.size() - stream.avail_out;
    if (produced == 0) return;
    segment.compressed_bytes += produced;
    sink(std::string_view(reinterpret_cast<const char*>(out.data()), produced));
    reset_output();
  }

  void deflate_step() {
    const int rc = isal_deflate(&stream);
    clear_upper_vector_state();  // before the sink and everything after run legacy SSE code
    if (rc != COMP_OK) throw Error(fmt::format("gzip: ISA-L deflate failed with code {} at level {}", rc, level));
  }

  void compress(std::string_view slice) {
    // ISA-L's input pointer is non-const but it only reads through it.
    stream.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(slice.data()));
    stream.avail_in = static_cast<std::uint32_t>(slice.size());
    stream.flush = NO_FLUSH;
    while (stream.avail_in > 0) {
      deflate_step();
      if (stream.avail_out == 0) emit_output();
    }
  }

  // Done once a call leaves output room: ISA-L then has written everything up to the empty stored block.
  void sync_flush() {
    stream.next_in = nullptr;
    stream.avail_in = 0;
    stream.flush = SYNC_FLUSH;
    do {
      deflate_step();
      const bool output_full = stream.avail_out == 0;
      emit_output();
      if (!output_full) break;
    } while (true);
  }

  isal_zstream stream{};
  Sink sink;
  std::vector<std::uint8_t> level_buf;
  std::vector<std::uint8_t> out;
  Segment segment;
  int level;
};

SegmentWriter::SegmentWriter(int level, Sink sink) : state_(std::make_unique<State>(level, std::move(sink))) {}
SegmentWriter::~SegmentWriter() = default;
SegmentWriter::SegmentWriter(SegmentWriter&&) noexcept = default;
SegmentWriter& SegmentWriter::operator=(SegmentWriter&&) noexcept = default;

void SegmentWriter::write(std::string_view data) {
  if (!state_) throw Error("gzip: write() on a moved-from SegmentWriter");
  while (!data.empty()) {
    const std::string_view slice = data.substr(0, std::min(data.size(), kMaxSliceBytes));
    state_->segment.crc32 = crc32_gzip_refl(state_->segment.crc32, reinterpret_cast<const unsigned char*>(slice.data()),
                                            slice.size());
    clear_upper_vector_state();
    state_->segment.uncompressed_bytes += slice.size();
    state_->compress(slice);
    data.remove_prefix(slice.size());
  }
}

Segment SegmentWriter::finish() {
  if (!state_) throw Error("gzip: finish() on a moved-from SegmentWriter");
  state_->sync_flush();
  const Segment done = state_->segment;
  state_->restart();
  return done;
}

Segment compress_segment(int level, std::string_view data, std::string& out) {
  SegmentWriter writer(level, [&out](std::string_view bytes) { out.append(bytes); });
  writer.write(data);
  return writer.finish();
}

}  // namespace insights::gzip
