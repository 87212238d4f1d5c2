#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/chunkstore/chunk_id.h"

namespace insights::schema {

// job = (org, dataset, run): one upload into one dataset.
struct JobKey {
  std::string org;
  std::string dataset;
  std::string run;

  std::string id() const;                          // "org/dataset/run": the Kafka key of job markers and manifests
  std::string batch_key(std::uint32_t batch) const;  // "org/dataset/run/batch": the Kafka key of a batch's records
  // A FileName for the InsightsExternalData header: letters, digits and single underscores, derived from id().
  std::string file_name() const;
  friend bool operator==(const JobKey&, const JobKey&) = default;
  friend auto operator<=>(const JobKey&, const JobKey&) = default;
};

// Where a batch of the job is stored.
chunkstore::ChunkId chunk_id(const JobKey& job, std::uint32_t batch);

// Throws insights::Error when an id part could not safely become a path or object-key part, or the dataset is unknown.
void validate_job(const JobKey& job);

// Parses "org/dataset/run/batch"; false when the key has another shape.
bool parse_batch_key(std::string_view key, JobKey& job, std::uint32_t& batch);

}  // namespace insights::schema
