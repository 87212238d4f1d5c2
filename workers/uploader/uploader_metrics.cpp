#include "workers/uploader/uploader_metrics.h"

#include <fmt/format.h>

#include <chrono>
#include <exception>

#include "shared/log/log.h"
#include "shared/salesforce/api_error.h"
#include "shared/schema/schema.h"

namespace insights::uploader {
namespace {

// The cause of the failure being handled: "transport", "http_<status>", or "other".
std::string current_failure_cause() {
  const auto failure = std::current_exception();
  if (!failure) return "other";
  try {
    std::rethrow_exception(failure);
  } catch (const salesforce::ApiError& e) {
    return e.http_status() > 0 ? fmt::format("http_{}", e.http_status()) : "api";
  } catch (const http::TransportError&) {
    return "transport";
  } catch (...) {
    return "other";
  }
}

// Completeness per job: what the producer sent, what the batcher rejected, what should be and what is in the dataset.
void log_completeness(const JobResult& r) {
  const bool loaded_known = r.rows_in_dataset.has_value();
  log::info("job completeness", {log::field("org", r.job.org), log::field("dataset", r.job.dataset),
                                 log::field("run", r.job.run), log::field("operation", r.operation),
                                 log::field("produced", r.records_produced), log::field("rejected", r.rejected),
                                 log::field("expected", r.rows_expected),
                                 log::field("loaded", loaded_known ? std::to_string(*r.rows_in_dataset) : "unknown"),
                                 log::field("complete", r.records_produced == r.rows_expected + r.rejected)});
}

}  // namespace

void UploaderMetrics::completed(const JobResult& result, double seconds) {
  log_completeness(result);
  if (registry_ == nullptr) return;
  const auto& job = result.job;
  const metrics::Labels dataset{{"dataset", job.dataset}};
  const metrics::Labels org_dataset{{"org", job.org}, {"dataset", job.dataset}};
  registry_->counter("insights_uploader_jobs_total", "Jobs finished, by outcome", {{"dataset", job.dataset}, {"outcome", "completed"}}).add();
  registry_->counter("insights_uploader_parts_total", "Data parts uploaded", dataset).add(static_cast<std::uint64_t>(result.parts));
  registry_->counter("insights_uploader_bytes_total", "Compressed bytes uploaded", dataset).add(result.chunk_bytes);
  registry_->counter("insights_uploader_rows_total", "Rows of completed jobs (records produced minus rejected)", dataset)
      .add(result.rows_expected);
  registry_->counter("insights_uploader_records_produced_total", "Records the producers sent for completed jobs", dataset)
      .add(result.records_produced);
  registry_->histogram("insights_uploader_job_seconds", "Seconds from a job's first attempt to its terminal status",
                       metrics::latency_buckets(), dataset)
      .observe(seconds);
  if (result.rows_in_dataset) {
    registry_->gauge("insights_uploader_dataset_rows", "Rows the dataset reported after the organisation's last job", org_dataset)
        .set(static_cast<double>(*result.rows_in_dataset));
  }
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  registry_->gauge("insights_last_success_timestamp_seconds", "When a job of the organisation's dataset last completed", org_dataset)
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
  if (registry_ == nullptr) return;
  registry_->counter("insights_uploader_job_retries_total", "Whole-job attempts after transient failures, by cause",
                     {{"dataset", job.dataset}, {"cause", current_failure_cause()}})
      .add();
}

void UploaderMetrics::quota_wait(const schema::JobKey& job) {
  if (registry_) registry_->counter("insights_uploader_quota_waits_total", "Times a job was held back by a 24-hour limit", {{"dataset", job.dataset}}).add();
}

void UploaderMetrics::quota_budget(const QuotaBudget& budget) {
  if (registry_ == nullptr) return;
  registry_->gauge("insights_uploader_quota_jobs_left", "Jobs the dataset may still start in Salesforce's rolling 24 hours",
                   {{"org", budget.org}, {"dataset", budget.dataset}})
      .set(static_cast<double>(budget.jobs_left));
  registry_->gauge("insights_uploader_quota_bytes_left", "Bytes the organisation may still upload in Salesforce's rolling 24 hours",
                   {{"org", budget.org}})
      .set(static_cast<double>(budget.bytes_left));
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
