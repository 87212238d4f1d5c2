#include "workers/uploader/uploader.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <thread>

#include "shared/kafka/topic_admin.h"
#include "shared/log/log.h"
#include "shared/salesforce/api_error.h"
#include "shared/schema/manifest.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"

namespace insights::uploader {
namespace {

std::string now_iso() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

// What the caller learns about a job that ends without a Salesforce outcome.
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

void write_raw(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& json) {
  w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

}  // namespace

Uploader::Uploader(UploaderOptions options, chunkstore::ChunkStore& store, salesforce::Client& client, ResultCallback on_result)
    : options_(std::move(options)), store_(store), client_(client), on_result_(std::move(on_result)), producer_(options_.kafka) {
  const auto& topics = schema::schema().topics;
  kafka::ensure_topics(options_.kafka, {{topics.batches, options_.topic_partitions}, {topics.batches_dlq, 1}},
                       std::chrono::seconds(30));
  // An upload runs inside the poll loop; the group must not evict us while a long job is processed.
  kafka::Properties props = options_.kafka;
  const auto poll_interval = std::max<std::int64_t>(300'000, options_.upload.job_timeout.count() + 600'000);
  props.emplace_back("max.poll.interval.ms", std::to_string(std::min<std::int64_t>(poll_interval, 86'400'000)));
  consumer_ = std::make_unique<kafka::Consumer>(props, options_.group_id, std::vector<std::string>{topics.batches},
                                              static_cast<kafka::RebalanceListener*>(this));
  last_commit_ = std::chrono::steady_clock::now();
}

Uploader::~Uploader() = default;

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
    commit(false);
  }
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
  auto [it, inserted] = pending_.try_emplace(job_id);
  if (inserted) {
    it->second.topic = std::string(message.topic());
    it->second.partition = message.partition();
    it->second.first_offset = message.offset();
    offsets_.pin(it->second.topic, it->second.partition, message.offset());
  }
  std::visit([&](const auto& m) { it->second.assembly.add(m); }, manifest);
  const auto state = it->second.assembly.state();
  if (state == JobAssembly::State::Waiting) {
    log::debug("job waiting", {log::field("job", job_id), log::field("waiting_for", it->second.assembly.explain())});
    return;
  }
  if (state == JobAssembly::State::Broken) {
    const std::string reason = it->second.assembly.explain();
    log::error("job cannot be uploaded", {log::field("job", job_id), log::field("reason", reason)});
    dead_letter(it->second, reason, 0, nullptr);
    if (on_result_) on_result_(failed_result(it->second.assembly, "Incomplete", reason));
    finish(job_id);
    return;
  }
  process(job_id);
}

JobResult Uploader::attempt(const Pending& pending, int& attempts, std::string& error) {
  for (;;) {
    ++attempts;
    try {
      return upload_job(pending.assembly, store_, client_, options_.upload);
    } catch (const salesforce::ApiError& e) {
      error = e.what();
      if (!e.transient() || attempts >= options_.job_attempts) throw;
    } catch (const http::TransportError& e) {
      error = e.what();
      if (attempts >= options_.job_attempts) throw;
    }
    log::warn("job attempt failed; trying again", {log::field("job", pending.assembly.job()->job.id()),
                                                   log::field("attempt", attempts), log::field("error", error)});
    std::this_thread::sleep_for(std::chrono::seconds(2 * attempts));
  }
}

void Uploader::process(const std::string& job_id) {
  Pending& pending = pending_.at(job_id);
  int attempts = 0;
  std::string error;
  try {
    JobResult result = attempt(pending, attempts, error);
    if (result.ok) {
      ++stats_.jobs_completed;
      stats_.parts += static_cast<std::uint64_t>(result.parts);
      stats_.bytes += result.chunk_bytes;
      log::info("job completed", {log::field("job", job_id), log::field("status", result.status),
                                  log::field("rows", result.rows_expected), log::field("parts", result.parts),
                                  log::field("rejected_records", result.rejected),
                                  log::field("rows_in_dataset", result.rows_in_dataset ? *result.rows_in_dataset : 0)});
    } else {
      log::error("job did not complete", {log::field("job", job_id), log::field("status", result.status),
                                          log::field("message", result.message)});
      dead_letter(pending, fmt::format("{}: {}", result.status, result.message), attempts, &result);
    }
    if (on_result_) on_result_(result);
  } catch (const Error& e) {
    log::error("job failed", {log::field("job", job_id), log::field("error", e.what()), log::field("attempts", attempts)});
    dead_letter(pending, e.what(), attempts, nullptr);
    if (on_result_) on_result_(failed_result(pending.assembly, "Error", e.what()));
  }
  finish(job_id);
}

void Uploader::dead_letter(const Pending& pending, const std::string& error, int attempts, const JobResult* result) {
  ++stats_.jobs_failed;
  const auto& assembly = pending.assembly;
  const schema::JobKey job = assembly.job() ? assembly.job()->job : assembly.batches().begin()->second.job;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("v");
  w.Int(schema::schema().version);
  w.Key("job");
  w.String(job.id());
  w.Key("org");
  w.String(job.org);
  w.Key("dataset");
  w.String(job.dataset);
  w.Key("run");
  w.String(job.run);
  w.Key("error");
  w.String(error);
  w.Key("status");
  w.String(result ? result->status : "");
  w.Key("attempts");
  w.Int(attempts);
  w.Key("time");
  w.String(now_iso());
  w.Key("manifests");
  w.StartArray();
  if (assembly.job()) write_raw(w, schema::encode_manifest(*assembly.job()));
  for (const auto& [batch, manifest] : assembly.batches()) write_raw(w, schema::encode_manifest(manifest));
  w.EndArray();
  w.EndObject();
  producer_.produce(schema::schema().topics.batches_dlq, job.id(), {buffer.GetString(), buffer.GetSize()});
  producer_.flush(std::chrono::seconds(60));
}

void Uploader::finish(const std::string& job_id) {
  auto it = pending_.find(job_id);
  if (it == pending_.end()) return;
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
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->second.topic == tp.topic && it->second.partition == tp.partition) {
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
