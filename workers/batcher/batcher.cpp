#include "workers/batcher/batcher.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/chunkstore/chunk_id.h"
#include "shared/codec/base64.h"
#include "shared/codec/sha256.h"
#include "shared/kafka/topic_admin.h"
#include "shared/log/log.h"
#include "shared/schema/manifest.h"
#include "shared/schema/schema.h"
#include "shared/util/utf8.h"

namespace insights::batcher {
namespace {

using schema::Kind;
// A DLQ entry keeps the start of an oversized record, key and reason, so that it always fits in a Kafka message
// (1 MB by default); the lengths, a truncation marker and the SHA-256 of what was cut identify the original.
constexpr std::size_t kDlqPayloadBytes = 64 * 1024;
constexpr std::size_t kDlqKeyBytes = 1024;
constexpr std::size_t kDlqReasonBytes = 4096;

std::string dlq_key(const kafka::Message& message) { return std::string(message.key().substr(0, kDlqKeyBytes)); }

std::vector<std::string> data_topics() {
  std::vector<std::string> topics;
  for (const auto& dataset : schema::schema().datasets) topics.push_back(dataset.topic);
  return topics;
}

std::string dlq_entry(const kafka::Message& message, const std::string& reason) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("v");
  w.Int(schema::schema().version);
  w.Key("reason");
  w.String(reason.size() <= kDlqReasonBytes ? reason : reason.substr(0, kDlqReasonBytes) + "...");
  w.Key("topic");
  w.String(std::string(message.topic()));
  w.Key("partition");
  w.Int(message.partition());
  w.Key("offset");
  w.Int64(message.offset());
  w.Key("kind");
  w.String(std::string(message.header(schema::schema().kind_header.c_str())));
  const std::string_view payload = message.payload().substr(0, kDlqPayloadBytes);
  const std::string_view key = message.key().substr(0, kDlqKeyBytes);
  w.Key("payload_bytes");
  w.Uint64(message.payload().size());
  w.Key("payload_truncated");
  w.Bool(payload.size() < message.payload().size());
  if (payload.size() < message.payload().size()) {
    w.Key("payload_sha256");
    w.String(codec::sha256_hex(message.payload()));
  }
  if (key.size() < message.key().size()) {
    w.Key("key_bytes");
    w.Uint64(message.key().size());
    w.Key("key_truncated");
    w.Bool(true);
    w.Key("key_sha256");
    w.String(codec::sha256_hex(message.key()));
  }
  if (valid_utf8(payload) && valid_utf8(key)) {
    w.Key("key");
    w.String(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    w.Key("payload");
    w.String(payload.data(), static_cast<rapidjson::SizeType>(payload.size()));
  } else {
    w.Key("key_base64");
    w.String(codec::base64_encode(key));
    w.Key("payload_base64");
    w.String(codec::base64_encode(payload));
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

Batcher::Batcher(BatcherOptions options, chunkstore::ChunkStore& store)
    : options_(std::move(options)), store_(store), producer_(options_.kafka), metrics_(options_.metrics) {
  if (options_.topics.empty()) options_.topics = data_topics();
  const auto& topics = schema::schema().topics;
  std::vector<kafka::TopicSpec> needed{{topics.batches, options_.topic_partitions}, {topics.records_dlq, 1}};
  for (const auto& topic : options_.topics) needed.push_back({topic, options_.topic_partitions});
  kafka::ensure_topics(options_.kafka, needed, std::chrono::seconds(30));
  // Lookahead: each payload is in cache by the time it is decoded (a cold one cost a tenth of a record's time).
  consumer_ = std::make_unique<kafka::Consumer>(options_.kafka, options_.group_id, options_.topics,
                                              static_cast<kafka::RebalanceListener*>(this), true);
  last_commit_ = std::chrono::steady_clock::now();
}

Batcher::~Batcher() = default;

void Batcher::run(const std::function<bool()>& stop) {
  while (!stop()) {
    handle_burst();
    abandon_stale_batches();
    update_gauges();
    commit(false);
  }
  flush_counters();
  commit(true);
  consumer_->close();
  producer_.flush(std::chrono::seconds(30));
}

void Batcher::handle_burst() {
  // The stop check (a system call), the clock and the housekeeping run once per burst, not per message: per message
  // they cost a fifth of a meeting record's time (bench/pipeline/batcher_backlog).
  constexpr int kBurst = 256;
  for (int i = 0; i < kBurst; ++i) {
    auto message = consumer_->poll(std::chrono::milliseconds(i == 0 ? 100 : 0));
    if (i == 0) now_ = std::chrono::steady_clock::now();
    if (!message) return;
    if (message->error() != RD_KAFKA_RESP_ERR_NO_ERROR) {
      log::warn("Kafka consumer error", {log::field("error", message->error_text())});
      continue;
    }
    handle(*message);
    note_processed(*message);
    ++stats_.messages;
  }
}

void Batcher::handle(const kafka::Message& message) {
  const std::string_view kind = message.header(schema::schema().kind_header.c_str());
  try {
    const schema::Decoded& decoded = decoder_.decode_to_csv(kind, message.payload());
    switch (decoded.kind) {
      case Kind::Record: handle_record(message, decoded); break;
      case Kind::BatchEnd: handle_batch_end(message, decoded); break;
      case Kind::RunEnd: handle_run_end(decoded); break;
    }
  } catch (const schema::RecordError& e) {
    reject(message, e.what());
  }
}

void Batcher::reject(const kafka::Message& message, const std::string& reason) {
  ++stats_.rejected;
  const std::string_view topic = message.topic();
  for (const auto& dataset : schema::schema().datasets) {
    if (dataset.topic != topic) continue;
    if (auto* m = metrics_.dataset(dataset.name)) m->rejected->add();
  }
  publish(schema::schema().topics.records_dlq, dlq_key(message), dlq_entry(message, reason));
  schema::JobKey job;
  std::uint32_t batch = 0;
  const std::string_view kind = message.header(schema::schema().kind_header.c_str());
  bool attributed = false;
  if ((kind == "record" || kind == "batch_end") && schema::parse_batch_key(message.key(), job, batch)) {
    try {
      schema::validate_job(job);
      if (kind == "record") {
        open_batch(message, job, batch).rejected_without_seq();
      } else {
        close_unreadable(message, job, batch, reason);
      }
      attributed = true;
    } catch (const Error&) {
      // An unusable key: the record cannot be counted against a batch, so that batch will report it missing.
    }
  }
  log::warn("record rejected", {log::field("reason", reason), log::field("topic", message.topic()),
                                 log::field("partition", message.partition()), log::field("offset", message.offset()),
                                 log::field("counted_in_batch", attributed)});
}

void Batcher::note_processed(const kafka::Message& message) {
  offsets_.processed(message.topic(), message.partition(), message.offset());
}

OpenBatch& Batcher::open_batch(const kafka::Message& message, const schema::JobKey& job, std::uint32_t batch) {
  const OpenKeyView view{message.topic(), message.partition(), message.key()};
  if (auto it = open_.find(view); it != open_.end()) return *it->second;
  OpenKey key{std::string(view.topic), view.partition, std::string(view.key)};
  std::unique_ptr<chunkstore::ChunkWriter> writer;
  if (!store_.find(schema::chunk_id(job, batch))) writer = store_.create(schema::chunk_id(job, batch));
  auto opened = std::make_unique<OpenBatch>(job, batch, message.offset(), std::move(writer), options_.compression_level);
  offsets_.pin(key.topic, key.partition, message.offset());
  log::debug("batch opened", {log::field("job", job.id()), log::field("batch", batch),
                              log::field("skipping", opened->skipping())});
  return *open_.emplace(std::move(key), std::move(opened)).first->second;
}

void Batcher::handle_record(const kafka::Message& message, const schema::Decoded& decoded) {
  if (!schema::is_batch_key(message.key(), decoded.job, decoded.batch)) {
    throw schema::RecordError(fmt::format("Kafka key '{}' does not match the record's batch {}", message.key(),
                                          decoded.job.batch_key(decoded.batch)));
  }
  if (decoded.seq >= options_.max_batch_records) {
    throw schema::RecordError(fmt::format("sequence number {} is over the batch limit of {}", decoded.seq, options_.max_batch_records));
  }
  OpenBatch& batch = open_batch(message, decoded.job, decoded.batch);
  batch.seen_now(now_);
  DatasetState& dataset = dataset_state(*decoded.dataset);
  ++dataset.records;
  if (!batch.first_sighting(decoded.seq)) {
    ++stats_.duplicates;
    ++dataset.duplicates;
    return;
  }
  if (batch.skipping()) return;
  try {
    if (decoded.row == nullptr) {
      batch.csv_buffer().append(decoded.csv);
    } else {
      dataset.converter.append(*decoded.row, batch.csv_buffer());
    }
  } catch (const schema::RecordError& e) {
    batch.rejected();
    ++stats_.rejected;
    ++dataset.rejected;
    publish(schema::schema().topics.records_dlq, dlq_key(message), dlq_entry(message, e.what()));
    log::warn("record rejected", {log::field("reason", e.what()), log::field("job", decoded.job.id()),
                                   log::field("batch", decoded.batch), log::field("seq", decoded.seq)});
    return;
  }
  batch.row_added();
  ++stats_.rows;
  ++dataset.rows;
}

void Batcher::handle_batch_end(const kafka::Message& message, const schema::Decoded& decoded) {
  if (!schema::is_batch_key(message.key(), decoded.job, decoded.batch)) {
    throw schema::RecordError(fmt::format("Kafka key '{}' does not match the batch_end's batch {}", message.key(),
                                          decoded.job.batch_key(decoded.batch)));
  }
  OpenBatch& batch = open_batch(message, decoded.job, decoded.batch);
  close_batch(message, batch, decoded.count);
}

void Batcher::close_batch(const kafka::Message& message, OpenBatch& batch, std::uint64_t count) {
  const auto it = open_.find(OpenKeyView{message.topic(), message.partition(), message.key()});
  const OpenKey key = it->first;
  auto owned = std::move(it->second);
  open_.erase(it);
  // Per batch as well as once a second, so that counters agree with the batches written once a batch is out.
  flush_counters();
  const auto& job = batch.job();
  if (batch.skipping()) {
    republish_manifest(job, batch.batch(), count);
  } else {
    schema::BatchManifest manifest;
    manifest.job = job;
    manifest.batch = batch.batch();
    manifest.expected = count;
    manifest.missing = batch.missing(count);
    const std::uint64_t surplus = batch.surplus(count);
    if (manifest.missing == 0 && surplus == 0) {
      manifest.meta = batch.commit();
      manifest.chunk = store_.name(schema::chunk_id(job, batch.batch()));
      ++stats_.batches_written;
      stats_.chunk_bytes += manifest.meta.bytes;
      if (auto* dm = metrics_.dataset(job.dataset)) {
        dm->batches_written->add();
        dm->chunk_bytes->add(manifest.meta.bytes);
      }
      log::info("batch written", {log::field("job", job.id()), log::field("batch", batch.batch()),
                                  log::field("rows", manifest.meta.records), log::field("rejected", manifest.meta.rejected),
                                  log::field("bytes", manifest.meta.bytes)});
      publish(schema::schema().topics.batches, job.id(), schema::encode_manifest(manifest));
    } else {
      publish_incomplete(batch, count, manifest.missing,
                         fmt::format("batch_end announced {} records; {} never arrived and {} lie beyond that count "
                                     "(lost by the broker or mis-produced); re-run the producer for run {}",
                                     count, manifest.missing, surplus, job.run));
    }
  }
  // The manifest must be durable before the committed offset may pass the batch's first record.
  producer_.flush(std::chrono::seconds(60));
  offsets_.unpin(key.topic, key.partition, owned->first_offset());
}

void Batcher::publish_incomplete(const OpenBatch& batch, std::uint64_t count, std::uint64_t missing, std::string reason) {
  schema::BatchManifest manifest;
  manifest.job = batch.job();
  manifest.batch = batch.batch();
  manifest.complete = false;
  manifest.expected = count;
  manifest.missing = missing;
  manifest.meta.records = batch.rows();
  manifest.meta.rejected = batch.rejected_count();
  manifest.reason = std::move(reason);
  ++stats_.batches_incomplete;
  if (auto* dm = metrics_.dataset(manifest.job.dataset)) dm->batches_incomplete->add();
  log::error("batch incomplete", {log::field("job", manifest.job.id()), log::field("batch", manifest.batch),
                                  log::field("reason", manifest.reason)});
  publish(schema::schema().topics.batches, manifest.job.id(), schema::encode_manifest(manifest));
}

void Batcher::close_unreadable(const kafka::Message& message, const schema::JobKey& job, std::uint32_t number,
                               const std::string& reason) {
  // A batch_end is its batch's last message: without a readable count the batch can never be checked, and waiting
  // for open_batch_timeout would only hold the partition's committed offset and the job back.
  OpenBatch& batch = open_batch(message, job, number);
  if (!batch.skipping()) {
    publish_incomplete(batch, 0, 0,
                       fmt::format("its batch_end ({}[{}]@{}) is unreadable: {}; re-run the producer for run {} "
                                   "with the same run id",
                                   message.topic(), message.partition(), message.offset(), reason, job.run));
  }
  producer_.flush(std::chrono::seconds(60));
  OpenKey key{std::string(message.topic()), message.partition(), std::string(message.key())};
  offsets_.unpin(key.topic, key.partition, batch.first_offset());
  open_.erase(key);  // the writer's destructor discards the partial chunk
}

void Batcher::abandon_stale_batches() {
  const auto now = now_;
  if (now - last_stale_check_ < std::chrono::seconds(1)) return;
  last_stale_check_ = now;
  for (auto it = open_.begin(); it != open_.end();) {
    OpenBatch& batch = *it->second;
    if (now - batch.last_seen() < options_.open_batch_timeout) {
      ++it;
      continue;
    }
    if (!batch.skipping()) {
      publish_incomplete(batch, 0, 0,
                         fmt::format("no batch_end arrived within {} s of the batch's last record; the producer "
                                     "probably stopped; re-run it for run {} with the same run id",
                                     std::chrono::duration_cast<std::chrono::seconds>(options_.open_batch_timeout).count(),
                                     batch.job().run));
    }
    ++stats_.batches_abandoned;
    producer_.flush(std::chrono::seconds(60));
    offsets_.unpin(it->first.topic, it->first.partition, batch.first_offset());
    it = open_.erase(it);  // the writer's destructor discards the partial chunk
  }
}

void Batcher::update_gauges() {
  if (now_ - last_counters_ >= std::chrono::seconds(1)) {
    last_counters_ = now_;
    flush_counters();
  }
  if (now_ - last_gauges_ < std::chrono::seconds(5)) return;
  last_gauges_ = now_;
  metrics_.open_batches(open_.size());
  metrics_.lag(consumer_->lag());
}

void Batcher::republish_manifest(const schema::JobKey& job, std::uint32_t batch, std::uint64_t count) {
  // The chunk survived a restart or a re-produced run; its manifest may not have, so it is sent again (the
  // uploader treats manifests of one batch as one).
  auto meta = store_.find(schema::chunk_id(job, batch));
  if (!meta) return;
  schema::BatchManifest manifest;
  manifest.job = job;
  manifest.batch = batch;
  manifest.expected = count;
  manifest.meta = *meta;
  manifest.chunk = store_.name(schema::chunk_id(job, batch));
  publish(schema::schema().topics.batches, job.id(), schema::encode_manifest(manifest));
  ++stats_.batches_skipped;
  log::info("batch already written; manifest re-published", {log::field("job", job.id()), log::field("batch", batch)});
}

void Batcher::handle_run_end(const schema::Decoded& decoded) {
  schema::JobManifest manifest{decoded.job, decoded.batches, decoded.records, decoded.operation, decoded.version};
  publish(schema::schema().topics.batches, decoded.job.id(), schema::encode_manifest(manifest));
  producer_.flush(std::chrono::seconds(60));
  ++stats_.jobs_forwarded;
  log::info("job manifest forwarded", {log::field("job", decoded.job.id()), log::field("batches", decoded.batches),
                                       log::field("records", decoded.records)});
}

void Batcher::publish(const std::string& topic, const std::string& key, const std::string& payload) {
  producer_.produce(topic, key, payload);
}

Batcher::DatasetState& Batcher::dataset_state(const schema::DatasetDef& def) {
  for (auto& state : datasets_) {
    if (state->def == &def) return *state;
  }
  return *datasets_.emplace_back(std::make_unique<DatasetState>(DatasetState{&def, schema::RowToCsv(def)}));
}

void Batcher::flush_counters() {
  for (auto& state : datasets_) {
    if (auto* m = metrics_.dataset(state->def->name)) {
      m->records->add(state->records);
      m->rows->add(state->rows);
      m->duplicates->add(state->duplicates);
      m->rejected->add(state->rejected);
    }
    state->records = state->rows = state->duplicates = state->rejected = 0;
  }
}

void Batcher::commit(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_commit_ < options_.commit_interval) return;
  last_commit_ = now;
  auto pending = offsets_.pending_commits();
  if (pending.empty()) return;
  // DLQ entries of records the commit passes must be durable first.
  producer_.flush(std::chrono::seconds(60));
  try {
    consumer_->commit(pending);
    offsets_.mark_committed(pending);
  } catch (const Error& e) {
    log::warn("offset commit failed; will retry", {log::field("error", e.what())});
  }
}

void Batcher::on_assigned(const std::vector<kafka::TopicPartition>& partitions) {
  for (const auto& tp : partitions) {
    offsets_.assign(tp.topic, tp.partition);
    ++assigned_;
    log::info("partition assigned", {log::field("topic", tp.topic), log::field("partition", tp.partition)});
  }
}

void Batcher::on_revoked(const std::vector<kafka::TopicPartition>& partitions) {
  commit(true);
  for (const auto& tp : partitions) {
    std::size_t dropped = 0;
    for (auto it = open_.begin(); it != open_.end();) {
      if (it->first.topic == tp.topic && it->first.partition == tp.partition) {
        it = open_.erase(it);  // the writer's destructor discards the partial chunk
        ++dropped;
      } else {
        ++it;
      }
    }
    offsets_.revoke(tp.topic, tp.partition);
    --assigned_;
    log::info("partition revoked", {log::field("topic", tp.topic), log::field("partition", tp.partition),
                                    log::field("open_batches_dropped", dropped)});
  }
}

}  // namespace insights::batcher
