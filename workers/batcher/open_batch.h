#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shared/chunkstore/chunk_store.h"
#include "shared/gzip/segment_writer.h"
#include "shared/schema/job.h"

namespace insights::batcher {

// A batch whose batch_end has not arrived yet. Rows stream through a small CSV buffer into the deflate segment
// and on into the chunk writer; the batch's decoded records are never held.
class OpenBatch {
 public:
  // A null writer means the chunk already exists: records are only tracked until batch_end.
  OpenBatch(schema::JobKey job, std::uint32_t batch, std::int64_t first_offset,
            std::unique_ptr<chunkstore::ChunkWriter> writer, int compression_level);

  const schema::JobKey& job() const { return job_; }
  std::uint32_t batch() const { return batch_; }
  std::int64_t first_offset() const { return first_offset_; }
  bool skipping() const { return writer_ == nullptr; }
  // When a record of this batch last arrived.
  std::chrono::steady_clock::time_point last_seen() const { return last_seen_; }
  void seen_now(std::chrono::steady_clock::time_point now) { last_seen_ = now; }

  // False when this sequence number was seen before (a re-produced record).
  bool first_sighting(std::uint64_t seq);
  // The buffer a row is appended to; call row_added() after.
  std::string& csv_buffer() { return csv_; }
  void row_added();
  void rejected() { ++rejected_; }
  void rejected_without_seq() { ++rejected_without_seq_; }

  std::uint64_t rows() const { return rows_; }
  std::uint64_t rejected_count() const { return rejected_ + rejected_without_seq_; }
  // Sequence numbers below `count` that never arrived, and records beyond it; both zero when complete.
  std::uint64_t missing(std::uint64_t count) const;
  std::uint64_t surplus(std::uint64_t count) const;

  // Flushes, commits the chunk and returns its metadata. Only for complete batches of a writing batch.
  chunkstore::ChunkMeta commit();

 private:
  void flush_csv();
  schema::JobKey job_;
  std::uint32_t batch_;
  std::int64_t first_offset_;
  std::unique_ptr<chunkstore::ChunkWriter> writer_;
  std::optional<gzip::SegmentWriter> segment_;
  std::string csv_;
  std::vector<std::uint64_t> seen_;  // bitmap of sequence numbers
  std::uint64_t distinct_ = 0;       // sequence numbers seen, rows and rejected alike
  std::uint64_t max_seq_plus_one_ = 0;
  std::uint64_t rows_ = 0;
  std::uint64_t rejected_ = 0;
  std::uint64_t rejected_without_seq_ = 0;
  std::chrono::steady_clock::time_point last_seen_ = std::chrono::steady_clock::now();
};

}  // namespace insights::batcher
