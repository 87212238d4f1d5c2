#pragma once
#include <map>
#include <string>
#include <vector>

#include "shared/kafka/message.h"
#include "shared/metrics/registry.h"
#include "shared/schema/job.h"

namespace insights::uploader {

// The uploader's Prometheus series; every call is a no-op without a registry.
class UploaderMetrics {
 public:
  explicit UploaderMetrics(metrics::Registry* registry) : registry_(registry) {}
  void completed(const schema::JobKey& job, int parts, std::uint64_t bytes, double seconds);
  void dead_lettered(const schema::JobKey& job, const std::string& status);
  void retried(const schema::JobKey& job);
  void quota_wait(const schema::JobKey& job);
  void lag(const std::vector<kafka::TopicPartition>& lag);
  // Jobs waiting longer than the report period for missing manifests, by dataset (both datasets always set).
  void waiting(const std::map<std::string, double>& by_dataset);

 private:
  metrics::Registry* registry_;
};

}  // namespace insights::uploader
