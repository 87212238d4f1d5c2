#include "shared/schema/job.h"

#include <fmt/format.h>

#include <charconv>

#include "shared/chunkstore/chunk_id.h"
#include "shared/codec/sha256.h"
#include "shared/schema/schema.h"

namespace insights::schema {

std::string JobKey::id() const { return fmt::format("{}/{}/{}", org, dataset, run); }

std::string JobKey::batch_key(std::uint32_t batch) const { return fmt::format("{}/{}/{}/{}", org, dataset, run, batch); }

std::string JobKey::file_name() const {
  // A hash keeps the name inside FileName's character rules whatever the ids contain, and stays deterministic.
  return "job_" + codec::sha256_hex(id()).substr(0, 32);
}

chunkstore::ChunkId chunk_id(const JobKey& job, std::uint32_t batch) { return {job.org, job.dataset, job.run, batch}; }

void validate_job(const JobKey& job) {
  chunkstore::validate_id_part("org", job.org);
  chunkstore::validate_id_part("run", job.run);
  schema().dataset(job.dataset);
}

bool parse_batch_key(std::string_view key, JobKey& job, std::uint32_t& batch) {
  std::string_view parts[4];
  for (int i = 0; i < 3; ++i) {
    auto slash = key.find('/');
    if (slash == std::string_view::npos) return false;
    parts[i] = key.substr(0, slash);
    key.remove_prefix(slash + 1);
  }
  parts[3] = key;
  auto [end, ec] = std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), batch);
  if (ec != std::errc{} || end != parts[3].data() + parts[3].size() || parts[3].empty()) return false;
  job = JobKey{std::string(parts[0]), std::string(parts[1]), std::string(parts[2])};
  return true;
}

}  // namespace insights::schema
