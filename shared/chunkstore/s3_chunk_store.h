#pragma once
#include <filesystem>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/s3_client.h"

namespace insights::chunkstore {

// Layout: prefix/org/dataset/run/batch-000042.deflate and batch-000042.json (metadata: the commit marker, written
// after the data), prefix/org/dataset/run/job-state.json for retention. S3 gives read-after-write consistency for
// each object, so find() sees a chunk as soon as commit() returns.
class S3ChunkStore : public ChunkStore {
 public:
  explicit S3ChunkStore(S3Settings settings);

  std::string name(const ChunkId& id) const override;
  std::unique_ptr<ChunkWriter> create(const ChunkId& id) override;
  std::optional<ChunkMeta> find(const ChunkId& id) const override;
  std::unique_ptr<ChunkReader> open(const ChunkId& id) const override;
  void verify(const ChunkId& id, const ChunkMeta& expected) const override;
  void remove(const ChunkId& id) override;
  std::vector<JobPath> list_jobs() const override;
  std::vector<std::uint32_t> list_batches(const JobPath& job) const override;
  std::optional<std::string> read_job_state(const JobPath& job) const override;
  void write_job_state(const JobPath& job, std::string_view document) override;
  void remove_job_state(const JobPath& job) override;

  std::string data_key(const ChunkId& id) const;
  std::string meta_key(const ChunkId& id) const;
  std::string state_key(const JobPath& job) const;
  const S3Client& client() const { return client_; }

  static constexpr std::size_t kReadBlockBytes = 4 * 1024 * 1024;

 private:
  std::string root() const;  // "prefix/" or ""
  std::string job_key(const JobPath& job) const;

  S3Client client_;
  std::filesystem::path spool_dir_;
};

}  // namespace insights::chunkstore
