#pragma once
#include <filesystem>

#include "shared/chunkstore/chunk_store.h"

namespace insights::chunkstore {

// Layout: root/org/dataset/run/batch-000042.deflate with batch-000042.json (metadata, the commit marker);
// root/org/dataset/run/job-state.json holds the job's retention state.
// Safe for several processes on one volume: every publish is a rename within one directory.
class FileChunkStore : public ChunkStore {
 public:
  explicit FileChunkStore(std::filesystem::path root);

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

  std::filesystem::path data_path(const ChunkId& id) const;
  std::filesystem::path meta_path(const ChunkId& id) const;

 private:
  std::filesystem::path directory(const ChunkId& id) const;
  std::filesystem::path directory(const JobPath& job) const;
  std::filesystem::path state_path(const JobPath& job) const;

  std::filesystem::path root_;
};

}  // namespace insights::chunkstore
