#include "workers/batcher/open_batch.h"

#include <algorithm>

namespace insights::batcher {
namespace {
constexpr std::size_t kCsvFlushBytes = 128 * 1024;
}

OpenBatch::OpenBatch(schema::JobKey job, std::uint32_t batch, std::int64_t first_offset,
                     std::unique_ptr<chunkstore::ChunkWriter> writer, int compression_level)
    : job_(std::move(job)), batch_(batch), first_offset_(first_offset), writer_(std::move(writer)) {
  if (writer_) {
    segment_.emplace(compression_level, [w = writer_.get()](std::string_view bytes) { w->write(bytes); });
    csv_.reserve(kCsvFlushBytes + 64 * 1024);
  }
}

bool OpenBatch::first_sighting(std::uint64_t seq) {
  const std::size_t word = seq / 64;
  if (word >= seen_.size()) seen_.resize(std::max(word + 1, seen_.size() * 2), 0);
  const std::uint64_t bit = std::uint64_t{1} << (seq % 64);
  if (seen_[word] & bit) return false;
  seen_[word] |= bit;
  ++distinct_;
  max_seq_plus_one_ = std::max(max_seq_plus_one_, seq + 1);
  return true;
}

void OpenBatch::row_added() {
  ++rows_;
  if (csv_.size() >= kCsvFlushBytes) flush_csv();
}

void OpenBatch::flush_csv() {
  if (segment_ && !csv_.empty()) segment_->write(csv_);
  csv_.clear();
}

std::uint64_t OpenBatch::missing(std::uint64_t count) const {
  // Records whose JSON was unreadable carry no usable sequence number; they fill the gaps they left.
  const std::uint64_t accounted = (distinct_ - surplus(count)) + rejected_without_seq_;
  return accounted >= count ? 0 : count - accounted;
}

std::uint64_t OpenBatch::surplus(std::uint64_t count) const {
  if (max_seq_plus_one_ <= count) return 0;
  std::uint64_t beyond = 0;
  for (std::uint64_t seq = count; seq < max_seq_plus_one_; ++seq) {
    if (seen_[seq / 64] & (std::uint64_t{1} << (seq % 64))) ++beyond;
  }
  return beyond;
}

chunkstore::ChunkMeta OpenBatch::commit() {
  flush_csv();
  const gzip::Segment segment = segment_->finish();
  chunkstore::ChunkMeta meta;
  meta.crc32 = segment.crc32;
  meta.uncompressed_bytes = segment.uncompressed_bytes;
  meta.records = rows_;
  meta.rejected = rejected_count();
  return writer_->commit(meta);
}

}  // namespace insights::batcher
