#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "shared/chunkstore/chunk_store.h"
#include "shared/kafka/consumer.h"
#include "shared/kafka/offset_tracker.h"
#include "shared/kafka/producer.h"
#include "shared/salesforce/client.h"
#include "workers/uploader/job_assembly.h"
#include "workers/uploader/job_upload.h"

namespace insights::uploader {

struct UploaderOptions {
  kafka::Properties kafka;
  std::string group_id = "insights-uploader";
  UploadSettings upload;
  int job_attempts = 3;  // whole-job attempts after transient failures outlasted the client's own retries
  std::chrono::milliseconds commit_interval{1000};
  int topic_partitions = 4;  // when the topics have to be created
};

struct UploaderStats {
  std::uint64_t manifests = 0;
  std::uint64_t jobs_completed = 0;
  std::uint64_t jobs_failed = 0;   // sent to the batches DLQ
  std::uint64_t parts = 0;
  std::uint64_t bytes = 0;
};

// Consumes insights.batches.v1 in its group; uploads each job once all its manifests are in, and sends jobs that
// fail for good to insights.batches.dlq.v1 with their manifests, the error and the attempt count.
class Uploader : private kafka::RebalanceListener {
 public:
  using ResultCallback = std::function<void(const JobResult&)>;
  Uploader(UploaderOptions options, chunkstore::ChunkStore& store, salesforce::Client& client, ResultCallback on_result = {});
  ~Uploader() override;

  void run(const std::function<bool()>& stop);
  // Partitions currently assigned; safe to read from another thread.
  std::size_t assigned_partitions() const { return assigned_.load(); }
  const UploaderStats& stats() const { return stats_; }

 private:
  struct Pending {
    JobAssembly assembly;
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t first_offset = 0;
  };
  void on_assigned(const std::vector<kafka::TopicPartition>& partitions) override;
  void on_revoked(const std::vector<kafka::TopicPartition>& partitions) override;
  void handle(const kafka::Message& message);
  void process(const std::string& job_id);
  JobResult attempt(const Pending& pending, int& attempts, std::string& error);
  void dead_letter(const Pending& pending, const std::string& error, int attempts, const JobResult* result);
  void finish(const std::string& job_id);
  void commit(bool force);

  UploaderOptions options_;
  chunkstore::ChunkStore& store_;
  salesforce::Client& client_;
  ResultCallback on_result_;
  kafka::Producer producer_;
  kafka::OffsetTracker offsets_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::map<std::string, Pending> pending_;
  UploaderStats stats_;
  std::chrono::steady_clock::time_point last_commit_;
  std::atomic<std::size_t> assigned_{0};
};

}  // namespace insights::uploader
