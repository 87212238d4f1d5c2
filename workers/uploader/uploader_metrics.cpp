#include "workers/uploader/uploader_metrics.h"

#include <chrono>

#include "shared/schema/schema.h"

namespace insights::uploader {

void UploaderMetrics::completed(const schema::JobKey& job, int parts, std::uint64_t bytes, double seconds) {
  if (registry_ == nullptr) return;
  const metrics::Labels dataset{{"dataset", job.dataset}};
  registry_->counter("insights_uploader_jobs_total", "Jobs finished, by outcome", {{"dataset", job.dataset}, {"outcome", "completed"}}).add();
  registry_->counter("insights_uploader_parts_total", "Data parts uploaded", dataset).add(static_cast<std::uint64_t>(parts));
  registry_->counter("insights_uploader_bytes_total", "Compressed bytes uploaded", dataset).add(bytes);
  registry_->histogram("insights_uploader_job_seconds", "Seconds from a job's first attempt to its terminal status",
                       metrics::latency_buckets(), dataset)
      .observe(seconds);
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  registry_->gauge("insights_last_success_timestamp_seconds", "When a job of the organisation's dataset last completed",
                   {{"org", job.org}, {"dataset", job.dataset}})
      .set(now);
}

void UploaderMetrics::dead_lettered(const schema::JobKey& job, const std::string& status) {
  if (registry_ == nullptr) return;
  registry_->counter("insights_uploader_jobs_total", "Jobs finished, by outcome", {{"dataset", job.dataset}, {"outcome", "dlq"}}).add();
  registry_->counter("insights_uploader_dlq_total", "Jobs sent to insights.batches.dlq.v1, by status",
                     {{"dataset", job.dataset}, {"status", status.empty() ? "Error" : status}})
      .add();
}

void UploaderMetrics::retried(const schema::JobKey& job) {
  if (registry_) registry_->counter("insights_uploader_job_retries_total", "Whole-job attempts after transient failures", {{"dataset", job.dataset}}).add();
}

void UploaderMetrics::quota_wait(const schema::JobKey& job) {
  if (registry_) registry_->counter("insights_uploader_quota_waits_total", "Times a job was held back by a 24-hour limit", {{"dataset", job.dataset}}).add();
}

void UploaderMetrics::lag(const std::vector<kafka::TopicPartition>& lag) {
  if (registry_ == nullptr) return;
  for (const auto& tp : lag) {
    registry_->gauge("insights_consumer_lag", "Messages behind the end of the partition",
                     {{"group", "uploader"}, {"topic", tp.topic}, {"partition", std::to_string(tp.partition)}})
        .set(static_cast<double>(tp.offset));
  }
}

void UploaderMetrics::waiting(const std::map<std::string, double>& by_dataset) {
  if (registry_ == nullptr) return;
  for (const auto& dataset : schema::schema().datasets) {
    const auto it = by_dataset.find(dataset.name);
    registry_->gauge("insights_uploader_jobs_waiting", "Jobs missing manifests for longer than uploader.waiting_report_after",
                     {{"dataset", dataset.name}})
        .set(it == by_dataset.end() ? 0.0 : it->second);
  }
}

}  // namespace insights::uploader
