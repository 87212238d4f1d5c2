#include "tests/integration/uploader/uploader_fixture.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <random>

#include "producers/synthetic/meetings_generator.h"
#include "shared/gzip/segment_writer.h"
#include "shared/kafka/consumer.h"
#include "shared/kafka/producer.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"

namespace insights::testing {
namespace {

schema::BatchManifest write_chunk(chunkstore::ChunkStore& store, const schema::JobKey& job, std::uint32_t batch,
                                  const std::string& csv, std::uint64_t rows) {
  std::string compressed;
  const auto segment = gzip::compress_segment(1, csv, compressed);
  auto writer = store.create(schema::chunk_id(job, batch));
  writer->write(compressed);
  chunkstore::ChunkMeta meta;
  meta.crc32 = segment.crc32;
  meta.uncompressed_bytes = segment.uncompressed_bytes;
  meta.records = rows;
  schema::BatchManifest manifest;
  manifest.job = job;
  manifest.batch = batch;
  manifest.expected = rows;
  manifest.meta = writer->commit(meta);
  manifest.chunk = store.name(schema::chunk_id(job, batch));
  return manifest;
}

}  // namespace

StagedJob stage_job(chunkstore::ChunkStore& store, const schema::JobKey& job, std::uint64_t rows,
                    std::uint64_t batch_rows, const std::string& operation, const std::string& extra_csv_row) {
  StagedJob staged;
  staged.rows = rows;
  schema::RowToCsv to_csv(schema::schema().dataset(job.dataset));
  std::string csv;
  std::uint64_t in_batch = 0;
  std::uint32_t batch = 0;
  synthetic::generate_meetings({job.org, rows, 7, "2026-11-24T23:30:00Z"}, [&](std::string_view row) {
    rapidjson::Document document;
    document.Parse(row.data(), row.size());
    to_csv.append(document, csv);
    if (++in_batch == batch_rows) {
      staged.batches.push_back(write_chunk(store, job, batch++, csv, in_batch));
      csv.clear();
      in_batch = 0;
    }
  });
  if (!extra_csv_row.empty()) {
    csv += extra_csv_row;
    ++in_batch;
    ++rows;
  }
  if (in_batch > 0) staged.batches.push_back(write_chunk(store, job, batch++, csv, in_batch));
  staged.rows = rows;
  staged.job = {job, batch, rows, operation, schema::schema().version};
  return staged;
}

void publish(const kafka::Properties& properties, const StagedJob& staged) {
  kafka::Producer producer(properties);
  const auto& topic = schema::schema().topics.batches;
  for (const auto& batch : staged.batches) producer.produce(topic, staged.job.job.id(), schema::encode_manifest(batch));
  producer.produce(topic, staged.job.job.id(), schema::encode_manifest(staged.job));
  producer.flush(std::chrono::seconds(30));
}

std::vector<std::string> read_batches_dlq(const kafka::Properties& properties, std::size_t count,
                                          std::chrono::seconds timeout) {
  std::vector<std::string> entries;
  kafka::Properties props = properties;
  props.emplace_back("auto.offset.reset", "earliest");
  kafka::Consumer consumer(props, "dlq-reader-" + std::to_string(std::random_device{}()),
                           {schema::schema().topics.batches_dlq}, nullptr);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (entries.size() < count && std::chrono::steady_clock::now() < deadline) {
    auto message = consumer.poll(std::chrono::milliseconds(100));
    if (!message || message->error()) continue;
    entries.emplace_back(message->payload());
  }
  return entries;
}

UploaderBench::UploaderBench() : store(pipeline.dir / "chunks") {
  emulator = std::make_unique<emulator::Server>(emulator_options());
}

emulator::Options UploaderBench::emulator_options() const {
  emulator::Options options;
  options.processing_delay = std::chrono::milliseconds(5);
  return options;
}

salesforce::ClientOptions UploaderBench::client_options() const {
  salesforce::ClientOptions options;
  options.retry.base = std::chrono::milliseconds(10);
  options.retry.cap = std::chrono::milliseconds(200);
  options.retry.max_attempts = 4;
  options.retry.deadline = std::chrono::seconds(20);
  options.poll_first = std::chrono::milliseconds(20);
  options.poll_longest = std::chrono::milliseconds(100);
  return options;
}

uploader::UploaderOptions UploaderBench::uploader_options(const std::string& group) const {
  uploader::UploaderOptions options;
  options.kafka = pipeline.properties();
  options.group_id = group;
  options.upload.max_part_bytes = 16 * 1024;
  options.upload.job_timeout = std::chrono::seconds(30);
  options.job_retry = {3, std::chrono::milliseconds(50), std::chrono::milliseconds(200), std::chrono::seconds(30)};
  options.quota_recheck = std::chrono::milliseconds(200);
  return options;
}

ClientBench::ClientBench()
    : client({bench.emulator->base_url(), bench.emulator_options().client_id, bench.emulator_options().client_secret},
             bench.client_options()),
      targets(client, nullptr, bench.uploader_options("").upload) {}

UploaderThread::UploaderThread(uploader::UploaderOptions options, chunkstore::ChunkStore& store,
                               uploader::JobTargets& targets)
    : uploader_(std::make_unique<uploader::Uploader>(std::move(options), store, targets,
                                                     [this](const uploader::JobResult& result) {
                                                       std::lock_guard lock(mutex_);
                                                       results_.push_back(result);
                                                     })),
      thread_([this] { uploader_->run([this] { return stop_.load(); }); }) {}

UploaderThread::~UploaderThread() {
  stop_ = true;
  thread_.join();
}

std::vector<uploader::JobResult> UploaderThread::wait_for(std::size_t count, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (results_.size() >= count || std::chrono::steady_clock::now() > deadline) return results_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string json_string(const std::string& json, const char* member) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  if (document.HasParseError() || !document.IsObject() || !document.HasMember(member) || !document[member].IsString()) {
    return {};
  }
  return document[member].GetString();
}

std::int64_t json_int(const std::string& json, const char* member) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  if (document.HasParseError() || !document.IsObject() || !document.HasMember(member) || !document[member].IsInt64()) {
    return -1;
  }
  return document[member].GetInt64();
}

}  // namespace insights::testing
