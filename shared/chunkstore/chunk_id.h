#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace insights::chunkstore {

// One batch of one job; its parts become path or key components, so they are validated first.
struct ChunkId {
  std::string org;
  std::string dataset;
  std::string run;
  std::uint32_t batch = 0;

  friend bool operator==(const ChunkId&, const ChunkId&) = default;
};

// Accepts ^[A-Za-z0-9_.-]{1,64}$ except "." / ".." and anything starting with '.'; otherwise throws
// insights::Error naming `what` and the reason.
void validate_id_part(std::string_view what, std::string_view value);

// Validates org, dataset and run.
void validate_chunk_id(const ChunkId& id);

// "batch-000042": at least six digits, so names sort by batch number up to a million batches.
std::string batch_file_stem(std::uint32_t batch);

}  // namespace insights::chunkstore
