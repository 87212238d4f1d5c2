#include "workers/uploader/uploader.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <thread>

#include "shared/kafka/topic_admin.h"
#include "shared/log/log.h"
#include "shared/salesforce/api_error.h"
#include "shared/schema/manifest.h"
#include "shared/schema/record_codec.h"
#include "shared/chunkstore/retention.h"
#include "shared/schema/dead_letter.h"
#include "shared/schema/schema.h"
#include "shared/util/utc_now.h"
#include "workers/uploader/consumer_properties.h"

namespace insights::uploader {
namespace {

// What the caller learns about a job that ends without a Salesforce outcome.
// Retention state for the chunk store; a failure here must not fail the job, so it is only logged.
void mark_retention(chunkstore::ChunkStore& store, const schema::JobKey& job, bool completed) {
  try {
    const chunkstore::JobPath path{job.org, job.dataset, job.run};
    const auto now = std::chrono::system_clock::now();
    completed ? chunkstore::mark_job_completed(store, path, now) : chunkstore::mark_job_dead_lettered(store, path, now);
  } catch (const std::exception& e) {
    log::warn("could not record the job's chunk retention state", {log::field("job", job.id()), log::field("error", e.what())});
  }
}

JobResult failed_result(const JobAssembly& assembly, std::string status, std::string message) {
  JobResult failed;
  failed.job = assembly.job()->job;
  failed.operation = assembly.job()->operation;
  failed.records_produced = assembly.job()->records;
  failed.rows_expected = assembly.rows();
  failed.rejected = assembly.rejected();
  failed.batches = static_cast<std::uint32_t>(assembly.job()->batches);
  failed.chunk_bytes = assembly.chunk_bytes();
  failed.status = std::move(status);
  failed.message = std::move(message);
  return failed;
}

// Runs on an upload thread: the upload, and what its failure means for the job (the consumer thread decides).
UploadOutcome upload_and_classify(const JobAssembly& assembly, chunkstore::ChunkStore& store, const JobTarget& target,
                                  const UploadSettings& settings, const std::atomic<bool>& cancel) {
  try {
    UploadOutcome done{UploadOutcome::Kind::Done, upload_job(assembly, store, target, settings, &cancel), {}, {}};
    done.quota = done.result.quota;
    return done;
  } catch (const QuotaExceeded& e) {
    return {UploadOutcome::Kind::Quota, {}, e.what(), e.budget()};
  } catch (const salesforce::ApiError& e) {
    return {e.transient() ? UploadOutcome::Kind::Transient : UploadOutcome::Kind::Permanent, {}, e.what(), {}};
  } catch (const http::TransportError& e) {
    return {UploadOutcome::Kind::Transient, {}, e.what(), {}};
  } catch (const UploadCancelled& e) {
    return {UploadOutcome::Kind::Cancelled, {}, e.what(), {}};
  } catch (const Error& e) {
    return {UploadOutcome::Kind::Permanent, {}, e.what(), {}};
  }
}

}  // namespace

Uploader::Uploader(UploaderOptions options, chunkstore::ChunkStore& store, salesforce::Client& client, ResultCallback on_result)
    : options_(std::move(options)),
      store_(store),
      own_targets_(std::make_unique<JobTargets>(client, nullptr, options_.upload)),
      targets_(own_targets_.get()),
      on_result_(std::move(on_result)),
      producer_(options_.kafka) {
  start_consuming();
}

Uploader::Uploader(UploaderOptions options, chunkstore::ChunkStore& store, JobTargets& targets, ResultCallback on_result)
    : options_(std::move(options)), store_(store), targets_(&targets), on_result_(std::move(on_result)), producer_(options_.kafka) {
  start_consuming();
}

void Uploader::start_consuming() {
  if (options_.concurrent_jobs < 1) {
    throw Error(fmt::format("uploader.concurrent_jobs is {}; it must be at least 1 (jobs uploaded at once)",
                            options_.concurrent_jobs));
  }
  metrics_ = UploaderMetrics(options_.metrics);
  const auto& topics = schema::schema().topics;
  kafka::ensure_topics(options_.kafka, {{topics.batches, options_.topic_partitions}, {topics.batches_dlq, 1}},
                       std::chrono::seconds(30));
  // Uploads run on the pool; max.poll.interval.ms only has to outlast the consumer thread's own synchronous calls.
  consumer_ = std::make_unique<kafka::Consumer>(uploader_consumer_properties(options_.kafka), options_.group_id, std::vector<std::string>{topics.batches},
                                              static_cast<kafka::RebalanceListener*>(this));
  pool_ = std::make_unique<UploadPool>(options_.concurrent_jobs);
  last_commit_ = std::chrono::steady_clock::now();
}

Uploader::~Uploader() {
  // When run() threw, uploads may still be in flight: without a cancel they would hold the destructor (joining the
  // pool) for as long as a job may take. Cancelled uploads stop at their next checkpoint; the jobs stay pinned, so
  // the next owner redoes them.
  for (auto& [ticket, flight] : in_flight_) flight.cancel->store(true);
  pool_.reset();
  // Leave the group while the members on_revoked uses are still alive (the consumer's own destructor would run it
  // after they are gone); a no-op when run() already closed it.
  try {
    consumer_->close();
  } catch (const std::exception& e) {
    log::warn("could not leave the consumer group cleanly", {log::field("error", e.what())});
  }
}

void Uploader::run(const std::function<bool()>& stop) {
  while (!stop()) {
    if (auto message = consumer_->poll(std::chrono::milliseconds(100))) {
      if (message->error() != RD_KAFKA_RESP_ERR_NO_ERROR) {
        log::warn("Kafka consumer error", {log::field("error", message->error_text())});
      } else {
        ++stats_.manifests;
        offsets_.processed(std::string(message->topic()), message->partition(), message->offset());
        handle(*message);
      }
    }
    collect_uploads(std::chrono::milliseconds(0));
    run_due_jobs();
    start_ready_jobs();
    if (const auto now = std::chrono::steady_clock::now(); now - last_gauges_ > std::chrono::seconds(5)) {
      last_gauges_ = now;
      metrics_.lag(consumer_->lag());
      report_waiting_jobs();
    }
    commit(false);
  }
  give_up_uploads();
  commit(true);
  consumer_->close();
  producer_.flush(std::chrono::seconds(30));
}

void Uploader::handle(const kafka::Message& message) {
  schema::Manifest manifest;
  try {
    manifest = schema::decode_manifest(message.payload());
  } catch (const schema::RecordError& e) {
    log::error("unreadable manifest skipped", {log::field("reason", e.what()), log::field("partition", message.partition()),
                                               log::field("offset", message.offset())});
    return;
  }
  const schema::JobKey& job = std::visit([](const auto& m) -> const schema::JobKey& { return m.job; }, manifest);
  const std::string job_id = job.id();
  std::optional<std::string> previous_outcome;
  if (!pending_.count(job_id)) {
    if (const auto outcome = finished_.outcome(job_id)) {
      if (std::holds_alternative<schema::BatchManifest>(manifest)) {
        // The batcher re-publishes a batch's manifest when it re-reads a batch whose chunk exists; run_end is in
        // another partition, so nothing else would ever complete this job.
        log::debug("late manifest of a finished job skipped", {log::field("job", job_id), log::field("outcome", *outcome),
                                                               log::field("offset", message.offset())});
        return;
      }
      // A job manifest starts a replay (`insights replay` re-publishes it first, then the batch manifests), or it
      // ends a run re-published by a restarted batcher or re-produced (batch manifests first, skipped above); the
      // latter waits for nothing more and is released by report_waiting_jobs with its previous outcome.
      log::info("finished job announced again; uploading it again once its batch manifests follow",
                {log::field("job", job_id), log::field("previous_outcome", *outcome)});
      finished_.forget(job_id);
      previous_outcome = *outcome;
    }
  }
  auto [it, inserted] = pending_.try_emplace(job_id);
  if (previous_outcome) it->second.previous_outcome = std::move(previous_outcome);
  if (it->second.ticket) {
    // Uploading with every manifest already; a copy re-published meanwhile (batcher restart, replay) adds nothing.
    log::debug("manifest of a job being uploaded skipped", {log::field("job", job_id), log::field("offset", message.offset())});
    return;
  }
  if (inserted) {
    it->second.topic = std::string(message.topic());
    it->second.partition = message.partition();
    it->second.first_offset = message.offset();
    offsets_.pin(it->second.topic, it->second.partition, message.offset());
  }
  std::visit([&](const auto& m) { it->second.assembly.add(m); }, manifest);
  it->second.last_manifest = std::chrono::steady_clock::now();
  it->second.last_waiting_report = it->second.last_manifest;
  const auto state = it->second.assembly.state();
  if (state == JobAssembly::State::Waiting) {
    log::debug("job waiting", {log::field("job", job_id), log::field("waiting_for", it->second.assembly.explain())});
    return;
  }
  if (state == JobAssembly::State::Broken) {
    const std::string reason = it->second.assembly.explain();
    log::error("job cannot be uploaded", {log::field("job", job_id), log::field("reason", reason)});
    const JobResult failed = failed_result(it->second.assembly, "Incomplete", reason);
    dead_letter(it->second, reason, 0, &failed);  // the entry's status says why no upload was tried
    if (on_result_) on_result_(failed);
    finish(job_id, failed.status);
    return;
  }
  if (it->second.due) return;  // deferred: a re-published manifest must not skip the backoff or the quota wait
  enqueue(job_id, it->second);
}

void Uploader::report_waiting_jobs() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, salesforce::HeaderState>> loaded;
  std::vector<std::pair<std::string, std::string>> republished;  // job id and the outcome it keeps
  for (auto& [job_id, pending] : pending_) {
    if (republished_finished_job(pending, now)) {
      republished.emplace_back(job_id, *pending.previous_outcome);
      continue;
    }
    if (pending.assembly.state() != JobAssembly::State::Waiting || now - pending.last_manifest < options_.waiting_report_after ||
        now - pending.last_waiting_report < options_.waiting_report_after) {
      continue;
    }
    pending.last_waiting_report = now;
    if (!pending.assembly.job() || pending.previous_outcome) {
      if (auto header = loaded_before(job_id, pending)) {
        loaded.emplace_back(job_id, std::move(*header));
        continue;
      }
    }
    log::warn("job still waits for manifests", {log::field("job", job_id), log::field("waiting_for", pending.assembly.explain()),
                                                log::field("waited_s", std::chrono::duration_cast<std::chrono::seconds>(now - pending.last_manifest).count())});
  }
  for (const auto& [job_id, header] : loaded) {
    log::info("late manifest of a job already loaded", {log::field("job", job_id), log::field("header", header.id),
                                                       log::field("status", header.status)});
    finish(job_id, header.status);
  }
  for (const auto& [job_id, outcome] : republished) {
    // Dead-lettered before: its DLQ entry stands and `insights replay` hands it back; completed: loaded once.
    log::info("finished job re-published without new batch manifests released; its previous outcome stands",
              {log::field("job", job_id), log::field("outcome", outcome)});
    finish(job_id, outcome);
  }
  std::map<std::string, double> waiting;  // by dataset
  for (const auto& [job_id, pending] : pending_) {
    if (pending.assembly.state() != JobAssembly::State::Waiting || now - pending.last_manifest < options_.waiting_report_after) {
      continue;
    }
    const auto& any = pending.assembly.job() ? pending.assembly.job()->job : pending.assembly.batches().begin()->second.job;
    waiting[any.dataset] += 1;
  }
  metrics_.waiting(waiting);
}

bool Uploader::republished_finished_job(const Pending& pending, std::chrono::steady_clock::time_point now) const {
  return pending.previous_outcome && pending.assembly.batches().empty() && !pending.ticket && !pending.queued &&
         !pending.due && pending.assembly.state() == JobAssembly::State::Waiting &&
         now - pending.last_manifest >= options_.waiting_report_after;
}

std::optional<salesforce::HeaderState> Uploader::loaded_before(const std::string& job_id, const Pending& pending) {
  const schema::JobKey& job = pending.assembly.job() ? pending.assembly.job()->job : pending.assembly.batches().begin()->second.job;
  try {
    const JobTarget target = targets_->resolve(job, "");
    auto header = target.client->find_header(job.file_name());
    if (header && (header->status == "Completed" || header->status == "CompletedWithWarnings")) return header;
  } catch (const Error& e) {
    // Only a shortcut for late manifests: the job keeps waiting and is looked up again next period.
    log::warn("cannot ask Salesforce whether a waiting job was loaded before", {log::field("job", job_id), log::field("error", e.what())});
  }
  return std::nullopt;
}

void Uploader::run_due_jobs() {
  const auto now = std::chrono::steady_clock::now();
  for (auto& [job_id, pending] : pending_) {
    if (pending.due && *pending.due <= now) enqueue(job_id, pending);
  }
}

void Uploader::enqueue(const std::string& job_id, Pending& pending) {
  pending.due.reset();
  if (pending.queued || pending.ticket) return;
  pending.queued = true;
  // A retry or quota re-check keeps the job's first place: it still lands before jobs of its alias ready after it.
  if (pending.ready_order == 0) pending.ready_order = ++last_ready_order_;
  ready_.push_back(job_id);
}

std::map<std::string, std::uint64_t> Uploader::oldest_ready_by_alias() const {
  std::map<std::string, std::uint64_t> oldest;
  for (const auto& [job_id, pending] : pending_) {
    if (pending.alias.empty()) continue;  // never considered to start: ready after every job that was
    auto [slot, fresh] = oldest.try_emplace(pending.alias, pending.ready_order);
    if (!fresh) slot->second = std::min(slot->second, pending.ready_order);
  }
  return oldest;
}

void Uploader::start_ready_jobs() {
  // A job starts only when it is the oldest unfinished job of its alias, so an Overwrite lands in ready order even
  // when an older job of the alias waits for its retry or its quota window (it is in no queue meanwhile). Jobs of
  // other aliases go on.
  if (ready_.empty()) return;  // spares the scan of pending_ on every poll
  std::map<std::string, std::uint64_t> oldest = oldest_ready_by_alias();
  std::set<std::string> busy;  // aliases with an upload running, given-up ones too (their jobs are no longer pending)
  for (const auto& [ticket, flight] : in_flight_) busy.insert(flight.alias);
  std::deque<std::string> still_queued;
  while (!ready_.empty()) {
    const std::string job_id = std::move(ready_.front());
    ready_.pop_front();
    auto it = pending_.find(job_id);
    if (it == pending_.end() || !it->second.queued) continue;  // revoked or finished meanwhile
    Pending& pending = it->second;
    const auto& manifest = *pending.assembly.job();
    JobTarget target;
    try {
      target = targets_->resolve(manifest.job, manifest.operation);
    } catch (const Error& e) {
      pending.queued = false;
      ++pending.attempts;
      fail(job_id, pending, "Error", e.what());
      continue;
    }
    pending.alias = target.alias;
    auto [slot, fresh] = oldest.try_emplace(target.alias, pending.ready_order);
    if (!fresh) slot->second = std::min(slot->second, pending.ready_order);
    if (slot->second != pending.ready_order || busy.count(target.alias) || !pool_->has_idle_thread()) {
      still_queued.push_back(job_id);
      continue;
    }
    busy.insert(target.alias);
    submit(job_id, pending, target);
  }
  ready_ = std::move(still_queued);
}

void Uploader::submit(const std::string& job_id, Pending& pending, const JobTarget& target) {
  pending.queued = false;
  if (!pending.first_attempt) pending.first_attempt = std::chrono::steady_clock::now();
  ++pending.attempts;
  const std::uint64_t ticket = ++next_ticket_;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  pending.ticket = ticket;
  in_flight_[ticket] = InFlight{job_id, target.alias, cancel, false};
  // The upload works on its own copy of the manifests: more may arrive for the pending job meanwhile.
  pool_->submit(ticket, [this, assembly = pending.assembly, target, cancel]() {
    return upload_and_classify(assembly, store_, target, options_.upload, *cancel);
  });
}

void Uploader::collect_uploads(std::chrono::milliseconds wait) {
  for (auto& [ticket, outcome] : pool_->collect(wait)) {
    auto flight = in_flight_.extract(ticket);
    if (flight.empty()) continue;
    const std::string& job_id = flight.mapped().job_id;
    if (outcome.quota) metrics_.quota_budget(*outcome.quota);  // Salesforce's usage, even from a given-up upload
    auto it = pending_.find(job_id);
    if (flight.mapped().abandoned || it == pending_.end() || it->second.ticket != ticket) {
      // Its partition went to another worker (or came back and the job was read again): the current owner redoes
      // it, and the header lookup by job id keeps the dataset from getting it twice.
      log::info("outcome of a given-up upload dropped", {log::field("job", job_id),
                                                        log::field("outcome", outcome.kind == UploadOutcome::Kind::Done ? outcome.result.status : outcome.error)});
      continue;
    }
    it->second.ticket.reset();
    apply(job_id, it->second, outcome);
  }
}

void Uploader::apply(const std::string& job_id, Pending& pending, UploadOutcome& outcome) {
  switch (outcome.kind) {
    case UploadOutcome::Kind::Done:
      report(job_id, pending, outcome.result);
      return;
    case UploadOutcome::Kind::Quota:
      on_quota_exceeded(job_id, pending, outcome.error);
      return;
    case UploadOutcome::Kind::Transient:
      if (!defer_retry(job_id, pending, outcome.error)) fail(job_id, pending, "Error", outcome.error);
      return;
    case UploadOutcome::Kind::Permanent:
      fail(job_id, pending, "Error", outcome.error);
      return;
    case UploadOutcome::Kind::Cancelled:
      // Only when stopping: the job stays pinned, so the next start (or owner) uploads it.
      log::info("upload stopped before completion", {log::field("job", job_id), log::field("reason", outcome.error)});
      return;
  }
}

void Uploader::give_up_uploads() {
  if (in_flight_.empty()) return;
  log::info("stopping: waiting for uploads in flight to reach a checkpoint", {log::field("jobs", in_flight_.size())});
  for (auto& [ticket, flight] : in_flight_) flight.cancel->store(true);
  // Uploads stop before Process or, past it, between status polls; an outcome already in hand is applied and
  // committed. A stopped job stays pinned: the next start (or owner) redoes it or awaits its processed header.
  while (!in_flight_.empty()) collect_uploads(std::chrono::milliseconds(500));
}

bool Uploader::defer_retry(const std::string& job_id, Pending& pending, const std::string& error) {
  const auto& policy = options_.job_retry;
  const auto now = std::chrono::steady_clock::now();
  const auto delay = salesforce::full_jitter_delay(policy, pending.attempts - 1, random_);
  if (pending.attempts >= policy.max_attempts || now + delay > *pending.first_attempt + policy.deadline) return false;
  pending.due = now + delay;
  ++stats_.job_retries;
  metrics_.retried(pending.assembly.job()->job);
  log::warn("job attempt failed; trying again later", {log::field("job", job_id), log::field("attempt", pending.attempts),
                                                       log::field("delay_ms", delay.count()), log::field("error", error)});
  return true;
}

void Uploader::on_quota_exceeded(const std::string& job_id, Pending& pending, const std::string& reason) {
  ++stats_.quota_waits;
  metrics_.quota_wait(pending.assembly.job()->job);
  --pending.attempts;  // waiting for the window is no failed attempt
  if (options_.quota_policy == QuotaPolicy::DeadLetter) {
    fail(job_id, pending, "QuotaExceeded",
         fmt::format("{}; uploader.quota_policy is dlq, so the job was not uploaded: replay it once the window allows",
                     reason));
    return;
  }
  pending.due = std::chrono::steady_clock::now() + options_.quota_recheck;
  log::warn("job waits for Salesforce's 24-hour upload limits", {log::field("job", job_id), log::field("reason", reason),
                                                                 log::field("recheck_s", std::chrono::duration_cast<std::chrono::seconds>(options_.quota_recheck).count())});
}

void Uploader::report(const std::string& job_id, Pending& pending, const JobResult& result) {
  if (result.ok) {
    ++stats_.jobs_completed;
    stats_.parts += static_cast<std::uint64_t>(result.parts);
    stats_.bytes += result.chunk_bytes;
    metrics_.completed(result, std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                     pending.first_attempt.value_or(std::chrono::steady_clock::now()))
                           .count());
    mark_retention(store_, result.job, true);
    log::info("job completed", {log::field("job", job_id), log::field("status", result.status),
                                log::field("rows", result.rows_expected), log::field("parts", result.parts),
                                log::field("rejected_records", result.rejected), log::field("attempts", pending.attempts),
                                log::field("rows_in_dataset", result.rows_in_dataset ? *result.rows_in_dataset : 0)});
  } else {
    // CompletedWithWarnings and Failed: Salesforce's StatusMessage says which rows or why.
    log::error("job did not complete", {log::field("job", job_id), log::field("status", result.status),
                                        log::field("status_message", result.message), log::field("header", result.header_id)});
    dead_letter(pending, fmt::format("{}: {}", result.status, result.message), pending.attempts, &result);
  }
  if (on_result_) on_result_(result);
  finish(job_id, result.status);
}

void Uploader::fail(const std::string& job_id, Pending& pending, const std::string& status, const std::string& error) {
  log::error("job failed", {log::field("job", job_id), log::field("error", error), log::field("attempts", pending.attempts)});
  JobResult result = failed_result(pending.assembly, status, error);
  dead_letter(pending, error, pending.attempts, &result);
  if (on_result_) on_result_(result);
  finish(job_id, result.status);
}

void Uploader::dead_letter(const Pending& pending, const std::string& error, int attempts, const JobResult* result) {
  ++stats_.jobs_failed;
  if (pending.assembly.job()) metrics_.dead_lettered(pending.assembly.job()->job, result ? result->status : "");
  const auto& assembly = pending.assembly;
  const schema::JobKey job = assembly.job() ? assembly.job()->job : assembly.batches().begin()->second.job;
  mark_retention(store_, job, false);
  schema::JobFailure failure{job, error, result ? result->status : "", attempts, utc_now_iso8601(), {}};
  if (assembly.job()) failure.manifests.push_back(schema::encode_manifest(*assembly.job()));
  for (const auto& [batch, manifest] : assembly.batches()) failure.manifests.push_back(schema::encode_manifest(manifest));
  producer_.produce(schema::schema().topics.batches_dlq, job.id(), schema::encode_job_failure(failure));
  producer_.flush(std::chrono::seconds(60));
}

void Uploader::finish(const std::string& job_id, const std::string& outcome) {
  auto it = pending_.find(job_id);
  if (it == pending_.end()) return;
  finished_.remember(job_id, outcome);
  offsets_.unpin(it->second.topic, it->second.partition, it->second.first_offset);
  pending_.erase(it);
  commit(true);
}

void Uploader::commit(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_commit_ < options_.commit_interval) return;
  last_commit_ = now;
  auto pending = offsets_.pending_commits();
  if (pending.empty()) return;
  try {
    consumer_->commit(pending);
    offsets_.mark_committed(pending);
  } catch (const Error& e) {
    log::warn("offset commit failed; will retry", {log::field("error", e.what())});
  }
}

void Uploader::on_assigned(const std::vector<kafka::TopicPartition>& partitions) {
  for (const auto& tp : partitions) {
    offsets_.assign(tp.topic, tp.partition);
    ++assigned_;
    log::info("partition assigned", {log::field("topic", tp.topic), log::field("partition", tp.partition)});
  }
}

void Uploader::on_revoked(const std::vector<kafka::TopicPartition>& partitions) {
  commit(true);
  for (const auto& tp : partitions) {
    ++stats_.revocations;
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->second.topic == tp.topic && it->second.partition == tp.partition) {
        if (it->second.ticket) {
          // Cannot be interrupted mid-request; it stops at its next checkpoint and its outcome is dropped.
          InFlight& flight = in_flight_.at(*it->second.ticket);
          flight.abandoned = true;
          flight.cancel->store(true);
          ++stats_.uploads_given_up;
          log::warn("partition revoked while its job uploads; giving the upload up",
                    {log::field("job", it->first), log::field("partition", tp.partition)});
        }
        it = pending_.erase(it);
      } else {
        ++it;
      }
    }
    offsets_.revoke(tp.topic, tp.partition);
    --assigned_;
  }
}

}  // namespace insights::uploader
