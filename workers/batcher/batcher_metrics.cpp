#include "workers/batcher/batcher_metrics.h"

namespace insights::batcher {

BatcherMetrics::Dataset* BatcherMetrics::dataset(const std::string& name) {
  if (registry_ == nullptr) return nullptr;
  auto it = datasets_.find(name);
  if (it != datasets_.end()) return &it->second;
  const metrics::Labels labels{{"dataset", name}};
  auto& r = *registry_;
  Dataset d{&r.counter("insights_batcher_records_total", "Data records consumed (records and control records)", labels),
            &r.counter("insights_batcher_rows_total", "Rows written into chunks", labels),
            &r.counter("insights_batcher_records_rejected_total", "Records sent to insights.records.dlq.v1", labels),
            &r.counter("insights_batcher_records_duplicate_total", "Re-produced records dropped by sequence number", labels),
            &r.counter("insights_batcher_batches_written_total", "Complete batches written to the chunk store", labels),
            &r.counter("insights_batcher_batches_incomplete_total", "Batches reported incomplete", labels),
            &r.counter("insights_batcher_chunk_bytes_total", "Compressed chunk bytes written", labels)};
  return &datasets_.emplace(name, d).first->second;
}

void BatcherMetrics::open_batches(std::size_t n) {
  if (registry_) registry_->gauge("insights_batcher_open_batches", "Batches waiting for their batch_end").set(static_cast<double>(n));
}

void BatcherMetrics::lag(const std::vector<kafka::TopicPartition>& lag) {
  if (registry_ == nullptr) return;
  for (const auto& tp : lag) {
    registry_->gauge("insights_consumer_lag", "Messages behind the end of the partition",
                     {{"group", "batcher"}, {"topic", tp.topic}, {"partition", std::to_string(tp.partition)}})
        .set(static_cast<double>(tp.offset));
  }
}

}  // namespace insights::batcher
