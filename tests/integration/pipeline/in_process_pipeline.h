#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "emulator/emulator_server.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/kafka/kafka_conf.h"
#include "shared/metrics/health_server.h"
#include "shared/metrics/registry.h"
#include "shared/salesforce/client.h"
#include "tests/integration/batcher/pipeline_fixture.h"
#include "workers/batcher/batcher.h"
#include "workers/uploader/uploader.h"

namespace insights::testing {

struct InProcessPipelineOptions {
  std::string name;                // prefixes the workers' consumer group ids
  std::size_t max_part_bytes = 0;  // the uploader's part size; 0 keeps its default
};

// The whole path in one process: embedded broker, batcher and uploader threads, the External Data API emulator,
// and a /metrics endpoint both workers report to. The workers run from construction until stop() or destruction.
class InProcessPipeline {
 public:
  explicit InProcessPipeline(const InProcessPipelineOptions& options);
  ~InProcessPipeline();
  InProcessPipeline(const InProcessPipeline&) = delete;
  InProcessPipeline& operator=(const InProcessPipeline&) = delete;

  kafka::Properties properties() const { return mock_.properties(); }
  int metrics_port() const { return health_.port(); }
  const emulator::Server& emulator() const { return emulator_; }

  // Waits until at least `count` jobs have a result or `timeout` passed; true when they have.
  bool wait_for_results(std::size_t count, std::chrono::seconds timeout) const;
  std::vector<uploader::JobResult> results() const;
  // Stops the workers and joins their threads; later calls do nothing.
  void stop();

 private:
  MockPipeline mock_;
  emulator::Options emulator_options_;
  emulator::Server emulator_;
  chunkstore::FileChunkStore store_;
  salesforce::Client client_;
  metrics::Registry registry_;
  metrics::HealthServer health_;
  batcher::Batcher batcher_;
  uploader::Uploader uploader_;
  mutable std::mutex mutex_;
  std::vector<uploader::JobResult> results_;
  std::atomic<bool> stop_{false};
  std::thread batcher_thread_;
  std::thread uploader_thread_;
};

}  // namespace insights::testing
