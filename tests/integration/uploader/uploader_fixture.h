#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emulator/emulator_server.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/kafka/kafka_conf.h"
#include "shared/salesforce/client.h"
#include "shared/schema/manifest.h"
#include "tests/integration/batcher/pipeline_fixture.h"
#include "workers/uploader/job_targets.h"
#include "workers/uploader/uploader.h"

namespace insights::testing {

// A job's chunks written straight into the store (no batcher), with the manifests the batcher would publish.
struct StagedJob {
  schema::JobManifest job;
  std::vector<schema::BatchManifest> batches;
  std::uint64_t rows = 0;
};

// `rows` synthetic meetings of `job.org`, `batch_rows` to a chunk. Rows compress poorly enough (seeded noise in
// ids) that a few thousand rows fill several small parts.
// `extra_csv_row` (with its line end), when given, is appended to the last chunk and counted as one more row.
StagedJob stage_job(chunkstore::ChunkStore& store, const schema::JobKey& job, std::uint64_t rows,
                    std::uint64_t batch_rows, const std::string& operation = "Overwrite",
                    const std::string& extra_csv_row = "");

// Produces the job's manifests to insights.batches.v1 (job manifest last, as the batcher does).
void publish(const kafka::Properties& properties, const StagedJob& staged);

// DLQ entries (JSON) of insights.batches.dlq.v1 read from the start until `count` arrived or the timeout.
std::vector<std::string> read_batches_dlq(const kafka::Properties& properties, std::size_t count,
                                          std::chrono::seconds timeout);

// Mock cluster, emulator, chunk store and client settings that keep tests quick.
struct UploaderBench {
  UploaderBench();
  emulator::Options emulator_options() const;
  salesforce::ClientOptions client_options() const;  // short retry delays and status polls
  uploader::UploaderOptions uploader_options(const std::string& group) const;

  MockPipeline pipeline;
  std::unique_ptr<emulator::Server> emulator;
  chunkstore::FileChunkStore store;
};

// An UploaderBench with one client of its emulator, and every org resolved through it with the default upload
// settings (alias meetings_<org>).
struct ClientBench {
  ClientBench();
  UploaderBench bench;
  salesforce::Client client;
  uploader::JobTargets targets;
};

// Runs an Uploader on its own thread and collects its results.
class UploaderThread {
 public:
  UploaderThread(uploader::UploaderOptions options, chunkstore::ChunkStore& store, uploader::JobTargets& targets);
  ~UploaderThread();  // stops and joins
  // Waits until `count` results arrived (or the timeout) and returns them all.
  std::vector<uploader::JobResult> wait_for(std::size_t count, std::chrono::seconds timeout = std::chrono::seconds(60));
  const uploader::UploaderStats& stats() const { return uploader_->stats(); }

 private:
  std::mutex mutex_;
  std::vector<uploader::JobResult> results_;
  std::atomic<bool> stop_{false};
  std::unique_ptr<uploader::Uploader> uploader_;
  std::thread thread_;
};

// One DLQ entry's members.
std::string json_string(const std::string& json, const char* member);
std::int64_t json_int(const std::string& json, const char* member);

}  // namespace insights::testing
