#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "shared/chunkstore/chunk_meta.h"
#include "shared/schema/job.h"

namespace insights::schema {

// What the batcher publishes to insights.batches.v1 when a batch is closed. An incomplete batch has no chunk; it
// carries the reason so that its job fails loudly instead of loading a short dataset.
struct BatchManifest {
  JobKey job;
  std::uint32_t batch = 0;
  bool complete = true;
  std::uint64_t expected = 0;   // count announced by batch_end
  std::uint64_t missing = 0;    // sequence numbers that never arrived
  std::string reason;           // why the batch is incomplete
  std::string chunk;            // chunk name in the store
  chunkstore::ChunkMeta meta;   // records = rows in the chunk, rejected = records sent to the records DLQ
};

// The job manifest: the batcher forwards run_end as it is.
struct JobManifest {
  JobKey job;
  std::uint64_t batches = 0;
  std::uint64_t records = 0;
  std::string operation;
  int schema_version = 0;
};

using Manifest = std::variant<BatchManifest, JobManifest>;

std::string encode_manifest(const BatchManifest& manifest);
std::string encode_manifest(const JobManifest& manifest);
// Throws RecordError naming what is wrong.
Manifest decode_manifest(std::string_view json);

}  // namespace insights::schema
