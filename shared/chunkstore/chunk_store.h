#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

// Where chunks live between batcher and uploader; a filesystem today, an object store later.
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
};

}  // namespace insights::chunkstore
