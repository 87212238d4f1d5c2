#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/chunkstore/chunk_id.h"
#include "shared/chunkstore/chunk_meta.h"

namespace insights::chunkstore {

// Streams one chunk into the store. Destroying it without commit() discards everything written.
class ChunkWriter {
 public:
  virtual ~ChunkWriter() = default;
  virtual void write(std::string_view bytes) = 0;
  // Makes the chunk and its metadata durable and visible atomically; fills in bytes and sha256.
  virtual ChunkMeta commit(ChunkMeta meta) = 0;
};

class ChunkReader {
 public:
  virtual ~ChunkReader() = default;
  // Returns the number of bytes read, 0 at the end of the chunk.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
};

// Where chunks live between batcher and uploader: a filesystem (FileChunkStore) or an S3 bucket (S3ChunkStore).
// Implementations are safe to use from several threads at once.
class ChunkStore {
 public:
  virtual ~ChunkStore() = default;
  virtual std::string name(const ChunkId& id) const = 0;  // e.g. "org/dataset/run/batch-000042"
  virtual std::unique_ptr<ChunkWriter> create(const ChunkId& id) = 0;
  virtual std::optional<ChunkMeta> find(const ChunkId& id) const = 0;  // committed chunks only
  virtual std::unique_ptr<ChunkReader> open(const ChunkId& id) const = 0;  // throws if missing
  // Checks size and SHA-256; throws insights::Error naming the chunk and what differs.
  virtual void verify(const ChunkId& id, const ChunkMeta& expected) const = 0;
  virtual void remove(const ChunkId& id) = 0;  // no error if already gone

  // Listing, for retention and `insights chunks list`. Every job holding any object (chunk or state), sorted.
  virtual std::vector<JobPath> list_jobs() const = 0;
  // Batches of the job with a data or metadata object, committed or not (so expiry removes leftovers too), sorted.
  virtual std::vector<std::uint32_t> list_batches(const JobPath& job) const = 0;

  // A small document per job recording its retention state (see retention.h); nullopt when never written.
  virtual std::optional<std::string> read_job_state(const JobPath& job) const = 0;
  virtual void write_job_state(const JobPath& job, std::string_view document) = 0;  // replaces it atomically
  // No error if absent; also drops the job's folder when the store has folders and it is now empty.
  virtual void remove_job_state(const JobPath& job) = 0;
};

}  // namespace insights::chunkstore
