#pragma once
#include <map>
#include <string>
#include <vector>

#include "shared/kafka/message.h"
#include "shared/metrics/registry.h"
#include "shared/schema/job.h"
#include "workers/uploader/job_upload.h"

namespace insights::uploader {

// The uploader's Prometheus series; every call is a no-op without a registry. completed() also logs the job's
// completeness line (produced, rejected, expected and loaded rows), with or without a registry.
class UploaderMetrics {
 public:
  explicit UploaderMetrics(metrics::Registry* registry) : registry_(registry) {}
  void completed(const JobResult& result, double seconds);
  void dead_lettered(const schema::JobKey& job, const std::string& status);
  // Call from inside the catch block of the failure being retried: its type gives the cause label.
  void retried(const schema::JobKey& job);
  void quota_wait(const schema::JobKey& job);
  // What is left of the rolling 24-hour limits; called on the consumer thread with what an upload thread read.
  void quota_budget(const QuotaBudget& budget);
  void lag(const std::vector<kafka::TopicPartition>& lag);
  // Jobs waiting longer than the report period for missing manifests, by dataset (both datasets always set).
  void waiting(const std::map<std::string, double>& by_dataset);

 private:
  metrics::Registry* registry_;
};

}  // namespace insights::uploader
