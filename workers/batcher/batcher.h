#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "shared/chunkstore/chunk_store.h"
#include "shared/kafka/consumer.h"
#include "shared/kafka/offset_tracker.h"
#include "shared/kafka/producer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/metrics/registry.h"
#include "workers/batcher/batcher_metrics.h"
#include "workers/batcher/open_batch.h"

namespace insights::batcher {

struct BatcherOptions {
  kafka::Properties kafka;
  std::string group_id = "insights-batcher";
  std::vector<std::string> topics;      // data topics; empty = every dataset's topic
  int compression_level = 1;
  std::uint64_t max_batch_records = 10'000'000;  // bounds the sequence bitmap of one batch
  std::chrono::milliseconds commit_interval{1000};
  int topic_partitions = 4;  // when the topics have to be created
  // A batch whose batch_end does not come within this time after its last record is reported incomplete, so a
  // producer that died mid-batch cannot hold the committed offset back forever.
  std::chrono::milliseconds open_batch_timeout{30 * 60 * 1000};
  metrics::Registry* metrics = nullptr;  // not owned; null = no metrics
};

struct BatcherStats {
  std::uint64_t messages = 0;
  std::uint64_t rows = 0;
  std::uint64_t rejected = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t batches_written = 0;
  std::uint64_t batches_skipped = 0;     // chunk already in the store: manifest re-published
  std::uint64_t batches_incomplete = 0;
  std::uint64_t batches_abandoned = 0;   // no batch_end within open_batch_timeout
  std::uint64_t chunk_bytes = 0;
  std::uint64_t jobs_forwarded = 0;
};

// Consumes the data topics in its consumer group and turns each complete batch into a chunk plus a manifest.
class Batcher : private kafka::RebalanceListener {
 public:
  Batcher(BatcherOptions options, chunkstore::ChunkStore& store);
  ~Batcher() override;

  // Polls until `stop` returns true, then commits what is safe and leaves the group.
  void run(const std::function<bool()>& stop);
  // Partitions currently assigned; safe to read from another thread.
  std::size_t assigned_partitions() const { return assigned_.load(); }
  // For /readyz; safe to call from another thread.
  bool kafka_reachable() const { return consumer_->reachable(std::chrono::seconds(2)); }
  const BatcherStats& stats() const { return stats_; }

 private:
  void on_assigned(const std::vector<kafka::TopicPartition>& partitions) override;
  void on_revoked(const std::vector<kafka::TopicPartition>& partitions) override;

  // Handles the messages that are there (at most a few hundred), waiting up to 100 ms for the first.
  void handle_burst();
  void handle(const kafka::Message& message);
  void handle_record(const kafka::Message& message, const schema::Decoded& decoded);
  void handle_batch_end(const kafka::Message& message, const schema::Decoded& decoded);
  void handle_run_end(const schema::Decoded& decoded);
  void reject(const kafka::Message& message, const std::string& reason);
  OpenBatch& open_batch(const kafka::Message& message, const schema::JobKey& job, std::uint32_t batch);
  void close_batch(const kafka::Message& message, OpenBatch& batch, std::uint64_t count);
  // Reports the batch of an unreadable batch_end incomplete at once.
  void close_unreadable(const kafka::Message& message, const schema::JobKey& job, std::uint32_t batch,
                        const std::string& reason);
  void publish_incomplete(const OpenBatch& batch, std::uint64_t count, std::uint64_t missing, std::string reason);
  void abandon_stale_batches();
  void update_gauges();
  void republish_manifest(const schema::JobKey& job, std::uint32_t batch, std::uint64_t count);
  void publish(const std::string& topic, const std::string& key, const std::string& payload);
  void commit(bool force);
  // Per dataset: its converter and the counters the hot path bumps, published to metrics once a second.
  struct DatasetState {
    const schema::DatasetDef* def;
    schema::RowToCsv converter;
    std::uint64_t records = 0, rows = 0, duplicates = 0, rejected = 0;
  };
  DatasetState& dataset_state(const schema::DatasetDef& def);
  void flush_counters();
  void note_processed(const kafka::Message& message);

  BatcherOptions options_;
  chunkstore::ChunkStore& store_;
  kafka::Producer producer_;
  kafka::OffsetTracker offsets_;
  std::unique_ptr<kafka::Consumer> consumer_;
  schema::RecordDecoder decoder_;
  std::vector<std::unique_ptr<DatasetState>> datasets_;
  struct OpenKey {
    std::string topic;
    std::int32_t partition;
    std::string key;
  };
  // Lets open batches be found by the message's views, without building an OpenKey per record.
  struct OpenKeyView {
    std::string_view topic;
    std::int32_t partition;
    std::string_view key;
  };
  struct OpenKeyLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::tuple<std::int32_t, std::string_view, std::string_view>(a.partition, a.key, a.topic) <
             std::tuple<std::int32_t, std::string_view, std::string_view>(b.partition, b.key, b.topic);
    }
  };
  std::map<OpenKey, std::unique_ptr<OpenBatch>, OpenKeyLess> open_;
  BatcherStats stats_;
  std::chrono::steady_clock::time_point last_commit_;
  std::chrono::steady_clock::time_point last_stale_check_;
  std::chrono::steady_clock::time_point last_gauges_;
  std::chrono::steady_clock::time_point last_counters_;
  std::chrono::steady_clock::time_point now_ = std::chrono::steady_clock::now();  // read once per burst of messages
  BatcherMetrics metrics_;
  std::atomic<std::size_t> assigned_{0};
};

}  // namespace insights::batcher
