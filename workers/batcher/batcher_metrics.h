#pragma once
#include <map>
#include <string>

#include "shared/kafka/message.h"
#include "shared/metrics/registry.h"

namespace insights::batcher {

// The batcher's Prometheus series, resolved once per dataset so the hot path only bumps atomics.
class BatcherMetrics {
 public:
  struct Dataset {
    metrics::Counter* records;
    metrics::Counter* rows;
    metrics::Counter* rejected;
    metrics::Counter* duplicates;
    metrics::Counter* batches_written;
    metrics::Counter* batches_incomplete;
    metrics::Counter* chunk_bytes;
  };
  explicit BatcherMetrics(metrics::Registry* registry) : registry_(registry) {}
  // Null when no registry was given.
  Dataset* dataset(const std::string& name);
  void open_batches(std::size_t n);
  void lag(const std::vector<kafka::TopicPartition>& lag);

 private:
  metrics::Registry* registry_;
  std::map<std::string, Dataset> datasets_;
};

}  // namespace insights::batcher
