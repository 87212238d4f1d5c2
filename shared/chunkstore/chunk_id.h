#pragma once
#include <compare>
#include <cstdint>
#include <optional>
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

// The folder of one job (org/dataset/run) that holds its chunks and its retention state.
struct JobPath {
  std::string org;
  std::string dataset;
  std::string run;

  std::string name() const;  // "org/dataset/run"
  friend bool operator==(const JobPath&, const JobPath&) = default;
  friend auto operator<=>(const JobPath&, const JobPath&) = default;
};

JobPath job_path(const ChunkId& id);

// Accepts ^[A-Za-z0-9_.-]{1,64}$ except "." / ".." and anything starting with '.'; otherwise throws
// insights::Error naming `what` and the reason.
void validate_id_part(std::string_view what, std::string_view value);

// Validates org, dataset and run.
void validate_chunk_id(const ChunkId& id);
void validate_job_path(const JobPath& job);

// The batch number of a "batch-000042" stem, or nullopt when `stem` is not one.
std::optional<std::uint32_t> parse_batch_file_stem(std::string_view stem);

// "batch-000042": at least six digits, so names sort by batch number up to a million batches.
std::string batch_file_stem(std::uint32_t batch);

}  // namespace insights::chunkstore
