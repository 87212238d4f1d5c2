#pragma once
// What the bad-input tests share: a real Batcher (and Uploader) on the mock cluster, producing a job's messages with
// bad ones mixed in, and reading back what the workers made of them (chunks, manifests, DLQ entries, metrics).
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "shared/chunkstore/file_chunk_store.h"
#include "shared/kafka/message.h"
#include "shared/kafka/producer.h"
#include "shared/metrics/registry.h"
#include "shared/schema/job.h"
#include "tests/integration/batcher/pipeline_fixture.h"
#include "workers/batcher/batcher.h"

namespace insights::testing {

// The mock cluster's producer refuses messages over 1 MB unless told otherwise; the big-record tests need more.
kafka::Properties with_large_messages(kafka::Properties properties);

// A real Batcher running on its own thread, with its own metrics, over a chunk store rooted at `store_root`.
struct RunningBatcher {
  RunningBatcher(MockPipeline& pipeline, const std::filesystem::path& store_root,
                 std::chrono::milliseconds open_batch_timeout = std::chrono::minutes(30));
  ~RunningBatcher();  // stops and joins
  std::string metrics() const { return registry.render(); }

  metrics::Registry registry;
  chunkstore::FileChunkStore store;
  batcher::Batcher batcher;
  std::atomic<bool> stop{false};
  std::thread thread;
};

// `count` distinct synthetic meeting rows (JSON objects) of `org`; `seed` keeps sets apart.
std::vector<std::string> meeting_rows(const std::string& org, std::uint64_t count, std::uint64_t seed);
std::string meeting_id(const std::string& row);
// Parses a row, lets `edit` change it, and writes it back as JSON.
std::string edit_row(const std::string& row, const std::function<void(rapidjson::Document&)>& edit);

std::string record(const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row);
void send(kafka::Producer& producer, const std::string& key, std::string_view kind, const std::string& payload);

// Reads `topic` from its start on every partition, without joining a consumer group (each join costs the mock
// cluster seconds), handing each message to `take` until it returns true or `timeout` passes.
void scan_topic(const kafka::Properties& properties, const std::string& topic,
                const std::function<bool(const kafka::Message&)>& take,
                std::chrono::milliseconds timeout = std::chrono::seconds(60));
// Manifests on insights.batches.v1 until `done` says they suffice.
ManifestsSeen scan_manifests(const kafka::Properties& properties, const std::function<bool(const ManifestsSeen&)>& done,
                             std::chrono::milliseconds timeout = std::chrono::seconds(60));

// An entry of insights.records.dlq.v1.
struct DeadRecord {
  std::string json;
  std::string message_key;  // the DLQ message's Kafka key
  std::string reason;
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  std::string kind;
  std::uint64_t payload_bytes = 0;
  std::size_t size = 0;  // bytes of the entry itself
};
// Reads insights.records.dlq.v1 from the start until `count` entries arrived, then `settle` longer for extras.
std::vector<DeadRecord> read_records_dlq(const kafka::Properties& properties, std::size_t count,
                                         std::chrono::milliseconds settle = std::chrono::milliseconds(500));

// One message of a data topic as stored.
struct StoredMessage {
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  std::string key;
  std::string payload;
};
// Reads `topic` from the start until `count` messages arrived.
std::vector<StoredMessage> read_topic(const kafka::Properties& properties, const std::string& topic, std::size_t count);
// The stored message at (partition, offset), or nullptr.
const StoredMessage* at(const std::vector<StoredMessage>& messages, std::int32_t partition, std::int64_t offset);

// A committed chunk inflated to its CSV text.
std::string chunk_csv(const chunkstore::ChunkStore& store, const schema::JobKey& job, std::uint32_t batch);
std::size_t occurrences(const std::string& text, const std::string& needle);
// Every regular file below `root`, as paths relative to it.
std::vector<std::string> files_below(const std::filesystem::path& root);

}  // namespace insights::testing
