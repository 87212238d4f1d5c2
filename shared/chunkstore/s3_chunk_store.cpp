#include "shared/chunkstore/s3_chunk_store.h"

#include <fmt/format.h>

#include <array>
#include <set>
#include <vector>

#include "shared/chunkstore/s3_chunk_reader.h"
#include "shared/chunkstore/s3_chunk_writer.h"
#include "shared/codec/sha256.h"
#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

constexpr std::string_view kStateFile = "job-state.json";

// Splits "a/b/c/d" into exactly four parts; false for any other shape.
bool split4(std::string_view text, std::array<std::string_view, 4>& parts) {
  for (std::size_t i = 0; i < 3; ++i) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return false;
    parts[i] = text.substr(0, slash);
    text.remove_prefix(slash + 1);
  }
  parts[3] = text;
  // "a/b/c/" is a folder placeholder (consoles and some servers make them), not an object of a job.
  return !text.empty() && text.find('/') == std::string_view::npos;
}

bool safe_part(std::string_view part) {
  try {
    validate_id_part("part", part);
    return true;
  } catch (const Error&) {
    return false;
  }
}

std::filesystem::path spool_directory(const std::string& configured) {
  return configured.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(configured);
}

}  // namespace

S3ChunkStore::S3ChunkStore(S3Settings settings)
    : client_(std::move(settings)), spool_dir_(spool_directory(client_.settings().spool_dir)) {}

std::string S3ChunkStore::root() const {
  const std::string& prefix = client_.settings().prefix;
  return prefix.empty() ? std::string() : prefix + "/";
}

std::string S3ChunkStore::job_key(const JobPath& job) const {
  validate_job_path(job);
  return root() + job.name() + "/";
}

std::string S3ChunkStore::name(const ChunkId& id) const {
  validate_chunk_id(id);
  return job_path(id).name() + "/" + batch_file_stem(id.batch);
}

std::string S3ChunkStore::data_key(const ChunkId& id) const { return root() + name(id) + ".deflate"; }
std::string S3ChunkStore::meta_key(const ChunkId& id) const { return root() + name(id) + ".json"; }
std::string S3ChunkStore::state_key(const JobPath& job) const { return job_key(job) + std::string(kStateFile); }

std::unique_ptr<ChunkWriter> S3ChunkStore::create(const ChunkId& id) {
  return std::make_unique<S3ChunkWriter>(client_, data_key(id), meta_key(id), spool_dir_);
}

std::optional<ChunkMeta> S3ChunkStore::find(const ChunkId& id) const {
  const std::string key = meta_key(id);
  const std::optional<std::string> json = client_.get(key);
  if (!json) return std::nullopt;
  ChunkMeta meta;
  try {
    meta = chunk_meta_from_json(*json);
  } catch (const Error& e) {
    throw Error(fmt::format("chunk store: chunk {} ({}): {}", name(id), client_.describe(key), e.what()));
  }
  const std::optional<std::uint64_t> size = client_.size(data_key(id));
  if (!size || *size != meta.bytes) return std::nullopt;
  return meta;
}

std::unique_ptr<ChunkReader> S3ChunkStore::open(const ChunkId& id) const {
  std::string key = data_key(id);
  const std::optional<std::uint64_t> size = client_.size(key);
  if (!size) {
    throw Error(fmt::format("chunk store: chunk {} is missing ({} does not exist); rebuild it by replaying its batch",
                            name(id), client_.describe(key)));
  }
  return std::make_unique<S3ChunkReader>(client_, std::move(key), *size, kReadBlockBytes);
}

void S3ChunkStore::verify(const ChunkId& id, const ChunkMeta& expected) const {
  const std::string key = data_key(id);
  const std::optional<std::uint64_t> size = client_.size(key);
  if (!size) {
    throw Error(fmt::format("chunk store: chunk {} failed verification: {} does not exist; rebuild it", name(id),
                            client_.describe(key)));
  }
  if (*size != expected.bytes) {
    throw Error(fmt::format("chunk store: chunk {} failed verification: {} is {} bytes, expected {}; rebuild it",
                            name(id), client_.describe(key), *size, expected.bytes));
  }
  S3ChunkReader reader(client_, key, *size, kReadBlockBytes);
  codec::Sha256 sha;
  std::vector<char> buffer(kReadBlockBytes);
  while (const std::size_t n = reader.read(buffer.data(), buffer.size())) sha.update({buffer.data(), n});
  const std::string actual = sha.hex_digest();
  if (actual != expected.sha256) {
    throw Error(fmt::format("chunk store: chunk {} failed verification: {} has SHA-256 {}, expected {}; the object is "
                            "corrupt, rebuild it",
                            name(id), client_.describe(key), actual, expected.sha256));
  }
}

void S3ChunkStore::remove(const ChunkId& id) {
  // Marker first: a failure in between leaves an invisible data object, never metadata without data.
  client_.remove(meta_key(id));
  client_.remove(data_key(id));
}

std::vector<JobPath> S3ChunkStore::list_jobs() const {
  const std::string prefix = root();
  std::set<JobPath> jobs;
  for (const S3Object& object : client_.list(prefix)) {
    std::array<std::string_view, 4> parts;
    const std::string_view rest = std::string_view(object.key).substr(prefix.size());
    if (!split4(rest, parts) || !safe_part(parts[0]) || !safe_part(parts[1]) || !safe_part(parts[2])) continue;
    jobs.insert({std::string(parts[0]), std::string(parts[1]), std::string(parts[2])});
  }
  return {jobs.begin(), jobs.end()};
}

std::vector<std::uint32_t> S3ChunkStore::list_batches(const JobPath& job) const {
  const std::string prefix = job_key(job);
  std::set<std::uint32_t> batches;
  for (const S3Object& object : client_.list(prefix)) {
    std::string_view file = std::string_view(object.key).substr(prefix.size());
    std::string_view stem;
    if (file.ends_with(".deflate")) {
      stem = file.substr(0, file.size() - 8);
    } else if (file.ends_with(".json")) {
      stem = file.substr(0, file.size() - 5);
    } else {
      continue;
    }
    if (const auto batch = parse_batch_file_stem(stem)) batches.insert(*batch);
  }
  return {batches.begin(), batches.end()};
}

std::optional<std::string> S3ChunkStore::read_job_state(const JobPath& job) const { return client_.get(state_key(job)); }

void S3ChunkStore::write_job_state(const JobPath& job, std::string_view document) {
  client_.put(state_key(job), document);
}

void S3ChunkStore::remove_job_state(const JobPath& job) { client_.remove(state_key(job)); }

}  // namespace insights::chunkstore
