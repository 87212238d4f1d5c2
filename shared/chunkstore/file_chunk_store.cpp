#include "shared/chunkstore/file_chunk_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "shared/chunkstore/file_chunk_reader.h"
#include "shared/chunkstore/file_chunk_writer.h"
#include "shared/chunkstore/posix_io.h"
#include "shared/chunkstore/temp_file.h"
#include "shared/codec/sha256.h"
#include "shared/util/error.h"

namespace insights::chunkstore {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kVerifyBufferBytes = 1024 * 1024;

// Names of the sub-directories a chunk id could have produced; anything else (temp files, strays) is not ours.
std::vector<std::string> id_directories(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec == std::errc::no_such_file_or_directory) return out;
  if (ec) throw Error(fmt::format("chunk store: cannot list '{}': {}", dir.string(), ec.message()));
  for (const auto& entry : it) {
    std::string name = entry.path().filename().string();
    if (!entry.is_directory(ec) || name.empty() || name.front() == '.') continue;
    out.push_back(std::move(name));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A job folder left empty by an abandoned writer (or holding only its temp files) holds no object.
bool holds_objects(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name.front() != '.') return true;
  }
  return false;
}

std::string hash_file(int fd, const fs::path& path) {
  codec::Sha256 sha;
  std::vector<char> buffer(kVerifyBufferBytes);
  while (const std::size_t n = read_some(fd, buffer.data(), buffer.size(), path)) sha.update({buffer.data(), n});
  return sha.hex_digest();
}

}  // namespace

FileChunkStore::FileChunkStore(fs::path root) : root_(std::move(root)) {
  if (root_.empty()) throw Error("chunk store: the root directory is empty; configure the chunk store path");
}

std::string FileChunkStore::name(const ChunkId& id) const {
  validate_chunk_id(id);
  return fmt::format("{}/{}/{}/{}", id.org, id.dataset, id.run, batch_file_stem(id.batch));
}

fs::path FileChunkStore::directory(const ChunkId& id) const { return directory(job_path(id)); }

fs::path FileChunkStore::directory(const JobPath& job) const {
  validate_job_path(job);
  return root_ / job.org / job.dataset / job.run;
}

fs::path FileChunkStore::state_path(const JobPath& job) const { return directory(job) / "job-state.json"; }

fs::path FileChunkStore::data_path(const ChunkId& id) const {
  return directory(id) / (batch_file_stem(id.batch) + ".deflate");
}

fs::path FileChunkStore::meta_path(const ChunkId& id) const {
  return directory(id) / (batch_file_stem(id.batch) + ".json");
}

std::unique_ptr<ChunkWriter> FileChunkStore::create(const ChunkId& id) {
  make_directories(directory(id));
  return std::make_unique<FileChunkWriter>(data_path(id), meta_path(id));
}

std::optional<ChunkMeta> FileChunkStore::find(const ChunkId& id) const {
  const fs::path meta_file = meta_path(id);
  const std::optional<std::string> json = read_whole_file(meta_file);
  if (!json) return std::nullopt;
  ChunkMeta meta;
  try {
    meta = chunk_meta_from_json(*json);
  } catch (const Error& e) {
    throw Error(fmt::format("chunk store: chunk {} ('{}'): {}", name(id), meta_file.string(), e.what()));
  }
  const std::optional<std::uint64_t> size = size_if_exists(data_path(id));
  if (!size || *size != meta.bytes) return std::nullopt;
  return meta;
}

std::unique_ptr<ChunkReader> FileChunkStore::open(const ChunkId& id) const {
  fs::path path = data_path(id);
  UniqueFd fd = open_if_exists(path);
  if (!fd) {
    throw Error(fmt::format("chunk store: chunk {} is missing ('{}' does not exist); rebuild it by replaying its batch",
                            name(id), path.string()));
  }
  return std::make_unique<FileChunkReader>(std::move(fd), std::move(path));
}

void FileChunkStore::verify(const ChunkId& id, const ChunkMeta& expected) const {
  const fs::path path = data_path(id);
  UniqueFd fd = open_if_exists(path);
  if (!fd) {
    throw Error(fmt::format("chunk store: chunk {} failed verification: '{}' does not exist; rebuild it", name(id),
                            path.string()));
  }
  const std::uint64_t size = open_file_size(fd.get(), path);
  if (size != expected.bytes) {
    throw Error(fmt::format("chunk store: chunk {} failed verification: '{}' is {} bytes, expected {}; rebuild it",
                            name(id), path.string(), size, expected.bytes));
  }
  const std::string actual = hash_file(fd.get(), path);
  if (actual != expected.sha256) {
    throw Error(fmt::format("chunk store: chunk {} failed verification: '{}' has SHA-256 {}, expected {}; the file is "
                            "corrupt, rebuild it",
                            name(id), path.string(), actual, expected.sha256));
  }
}

void FileChunkStore::remove(const ChunkId& id) {
  // Marker first: a crash in between leaves an invisible data file, never metadata without data.
  const bool had_meta = remove_file(meta_path(id));
  const bool had_data = remove_file(data_path(id));
  if (had_meta || had_data) sync_directory(directory(id));
}

}  // namespace insights::chunkstore

namespace insights::chunkstore {

std::vector<JobPath> FileChunkStore::list_jobs() const {
  std::vector<JobPath> jobs;
  for (const auto& org : id_directories(root_)) {
    for (const auto& dataset : id_directories(root_ / org)) {
      for (const auto& run : id_directories(root_ / org / dataset)) {
        if (holds_objects(root_ / org / dataset / run)) jobs.push_back({org, dataset, run});
      }
    }
  }
  return jobs;
}

std::vector<std::uint32_t> FileChunkStore::list_batches(const JobPath& job) const {
  const fs::path dir = directory(job);
  std::set<std::uint32_t> batches;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec == std::errc::no_such_file_or_directory) return {};
  if (ec) throw Error(fmt::format("chunk store: cannot list '{}': {}", dir.string(), ec.message()));
  for (const auto& entry : it) {
    const fs::path name = entry.path().filename();
    if (name.extension() != ".deflate" && name.extension() != ".json") continue;
    if (const auto batch = parse_batch_file_stem(name.stem().string())) batches.insert(*batch);
  }
  return {batches.begin(), batches.end()};
}

std::optional<std::string> FileChunkStore::read_job_state(const JobPath& job) const {
  return read_whole_file(state_path(job));
}

void FileChunkStore::write_job_state(const JobPath& job, std::string_view document) {
  const fs::path dir = directory(job);
  make_directories(dir);
  TempFile file(state_path(job));
  file.write(document);
  file.publish();
  sync_directory(dir);
}

void FileChunkStore::remove_job_state(const JobPath& job) {
  const fs::path dir = directory(job);
  if (remove_file(state_path(job))) sync_directory(dir);
  // An empty job folder is clutter once its state is gone; a non-empty one (new chunks) stays.
  std::error_code ec;
  if (fs::remove(dir, ec)) sync_directory(dir.parent_path());
}

}  // namespace insights::chunkstore
