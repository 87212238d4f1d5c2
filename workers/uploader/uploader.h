#pragma once
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "shared/chunkstore/chunk_store.h"
#include "shared/kafka/consumer.h"
#include "shared/kafka/offset_tracker.h"
#include "shared/kafka/producer.h"
#include "shared/salesforce/client.h"
#include "shared/salesforce/retry_policy.h"
#include "workers/uploader/finished_jobs.h"
#include "workers/uploader/job_assembly.h"
#include "workers/uploader/job_targets.h"
#include "shared/metrics/registry.h"
#include "workers/uploader/job_upload.h"
#include "workers/uploader/uploader_metrics.h"
#include "workers/uploader/quota.h"
#include "workers/uploader/upload_pool.h"

namespace insights::uploader {

struct UploaderOptions {
  kafka::Properties kafka;
  std::string group_id = "insights-uploader";
  UploadSettings upload;
  // Whole-job attempts after transient failures outlasted the client's own retries: exponential backoff with full
  // jitter between them, and no new attempt once `deadline` has passed since the first.
  salesforce::RetryPolicy job_retry{4, std::chrono::seconds(5), std::chrono::minutes(5), std::chrono::hours(1)};
  QuotaPolicy quota_policy = QuotaPolicy::Wait;
  std::chrono::milliseconds quota_recheck{std::chrono::minutes(5)};  // how often a waiting job looks again
  std::chrono::milliseconds commit_interval{1000};
  int topic_partitions = 4;  // when the topics have to be created
  metrics::Registry* metrics = nullptr;  // not owned; null = no metrics
  // A job still missing manifests this long after its last one is reported (log line naming the missing batches,
  // and the insights_uploader_jobs_waiting gauge), and again every such period; it keeps waiting.
  std::chrono::milliseconds waiting_report_after{15 * 60 * 1000};
  // Jobs uploaded at once, each on its own thread while the consumer thread keeps polling. Jobs of one dataset
  // alias never run at the same time and start in the order they became ready, also past an older one's retry
  // backoff or quota wait (an Overwrite must land in manifest order, and the quota check must see the previous job).
  int concurrent_jobs = 2;
};

struct UploaderStats {
  std::uint64_t manifests = 0;
  std::uint64_t jobs_completed = 0;
  std::uint64_t jobs_failed = 0;   // sent to the batches DLQ
  std::uint64_t job_retries = 0;   // whole-job attempts after the first
  std::uint64_t quota_waits = 0;   // times a job was held back by a 24-hour limit
  std::uint64_t parts = 0;
  std::uint64_t bytes = 0;
  std::uint64_t revocations = 0;   // partitions taken from this worker by the group
  std::uint64_t uploads_given_up = 0;  // uploads in flight when their partition was revoked
};

// Consumes insights.batches.v1 in its group; uploads each job once all its manifests are in, and sends jobs that
// fail for good to insights.batches.dlq.v1 with their manifests, the error and the attempt count.
// Uploads run on an UploadPool; everything else (manifests, outcomes, DLQ, offsets) stays on the thread that calls
// run(). A job's first manifest offset stays pinned until the job completed or was dead-lettered.
class Uploader : private kafka::RebalanceListener {
 public:
  using ResultCallback = std::function<void(const JobResult&)>;
  // Every org through `client` and options.upload's alias template and app; quotas are not read.
  Uploader(UploaderOptions options, chunkstore::ChunkStore& store, salesforce::Client& client, ResultCallback on_result = {});
  // Each job through its org's target; `targets` must outlive the uploader.
  Uploader(UploaderOptions options, chunkstore::ChunkStore& store, JobTargets& targets, ResultCallback on_result = {});
  ~Uploader() override;

  void run(const std::function<bool()>& stop);
  // Partitions currently assigned; safe to read from another thread.
  std::size_t assigned_partitions() const { return assigned_.load(); }
  // For /readyz; safe to call from another thread.
  bool kafka_reachable() const { return consumer_->reachable(std::chrono::seconds(2)); }
  const UploaderStats& stats() const { return stats_; }

 private:
  struct Pending {
    JobAssembly assembly;
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t first_offset = 0;
    int attempts = 0;
    std::optional<std::chrono::steady_clock::time_point> first_attempt;
    std::optional<std::chrono::steady_clock::time_point> due;  // a deferred job's next attempt (backoff or quota)
    std::string last_error;
    std::chrono::steady_clock::time_point last_manifest = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_waiting_report = std::chrono::steady_clock::now();
    bool queued = false;                   // ready, waiting in ready_ for an upload thread
    std::uint64_t ready_order = 0;         // when it first became ready (1, 2, ...); 0 = not yet
    std::string alias;                     // its dataset alias, resolved when it was first considered to start
    // Its job manifest came after the job had finished (replay, batcher restart, re-produced run): the outcome it
    // finished with, kept if it turns out to be the same finished job again.
    std::optional<std::string> previous_outcome;
    std::optional<std::uint64_t> ticket;   // its upload in flight
  };
  struct InFlight {
    std::string job_id;
    std::string alias;
    std::shared_ptr<std::atomic<bool>> cancel;
    bool abandoned = false;  // its partition was revoked: the outcome is dropped, the next owner redoes the job
  };
  void on_assigned(const std::vector<kafka::TopicPartition>& partitions) override;
  void on_revoked(const std::vector<kafka::TopicPartition>& partitions) override;
  void start_consuming();
  void handle(const kafka::Message& message);
  void enqueue(const std::string& job_id, Pending& pending);
  void start_ready_jobs();
  // Per alias, the ready_order of its oldest unfinished job (queued, in flight or deferred): only that one may start.
  std::map<std::string, std::uint64_t> oldest_ready_by_alias() const;
  void submit(const std::string& job_id, Pending& pending, const JobTarget& target);
  void collect_uploads(std::chrono::milliseconds wait);
  void apply(const std::string& job_id, Pending& pending, UploadOutcome& outcome);
  void give_up_uploads();
  void run_due_jobs();
  void report_waiting_jobs();
  // A job announced again after it finished that got no batch manifest since (they came before its job manifest and
  // were skipped): a restarted batcher re-published the finished run, since `insights replay` sends the batch
  // manifests right after the job manifest. True when it waited long enough to be released with its old outcome.
  bool republished_finished_job(const Pending& pending, std::chrono::steady_clock::time_point now) const;
  // A waiting job of batch manifests only (run_end never came), or announced again after it finished: its header's
  // terminal status when Salesforce already loaded a header with the job's FileName, else empty. Uploading such a
  // job again would only await that header, so its late manifests are released instead.
  std::optional<salesforce::HeaderState> loaded_before(const std::string& job_id, const Pending& pending);
  // After a transient failure: schedules the next attempt, or returns false when attempts or deadline ran out.
  bool defer_retry(const std::string& job_id, Pending& pending, const std::string& error);
  void on_quota_exceeded(const std::string& job_id, Pending& pending, const std::string& reason);
  void report(const std::string& job_id, Pending& pending, const JobResult& result);
  void fail(const std::string& job_id, Pending& pending, const std::string& status, const std::string& error);
  void dead_letter(const Pending& pending, const std::string& error, int attempts, const JobResult* result);
  // `outcome` is remembered, so late re-published manifests of the job are recognised.
  void finish(const std::string& job_id, const std::string& outcome);
  void commit(bool force);

  UploaderOptions options_;
  chunkstore::ChunkStore& store_;
  std::unique_ptr<JobTargets> own_targets_;  // the single-client constructor's
  JobTargets* targets_;
  ResultCallback on_result_;
  std::mt19937_64 random_{std::random_device{}()};
  kafka::Producer producer_;
  kafka::OffsetTracker offsets_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::map<std::string, Pending> pending_;
  FinishedJobs finished_;
  UploaderStats stats_;
  std::chrono::steady_clock::time_point last_commit_;
  std::chrono::steady_clock::time_point last_gauges_;
  std::atomic<std::size_t> assigned_{0};
  UploaderMetrics metrics_{nullptr};
  std::deque<std::string> ready_;               // job ids in the order they became ready
  std::map<std::uint64_t, InFlight> in_flight_; // by ticket
  std::uint64_t next_ticket_ = 0;
  std::uint64_t last_ready_order_ = 0;
  // Last member: destroyed first, so its threads end before anything they use.
  std::unique_ptr<UploadPool> pool_;
};

}  // namespace insights::uploader
