#include "tests/integration/bad_input/bad_input_fixture.h"

#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <random>

#include "producers/synthetic/meetings_generator.h"
#include "shared/schema/manifest.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"

namespace insights::testing {
namespace {

batcher::BatcherOptions batcher_options(MockPipeline& pipeline, std::chrono::milliseconds open_batch_timeout,
                                        metrics::Registry& registry) {
  batcher::BatcherOptions options;
  options.kafka = pipeline.properties();
  options.group_id = "bad-input-batcher";
  options.open_batch_timeout = open_batch_timeout;
  options.commit_interval = std::chrono::milliseconds(200);
  options.metrics = &registry;
  return options;
}

std::string unique_group(const char* prefix) { return prefix + std::to_string(std::random_device{}()); }

}  // namespace

kafka::Properties with_large_messages(kafka::Properties properties) {
  properties.emplace_back("message.max.bytes", "20000000");
  return properties;
}

RunningBatcher::RunningBatcher(MockPipeline& pipeline, const std::filesystem::path& store_root,
                               std::chrono::milliseconds open_batch_timeout)
    : store(store_root),
      batcher(batcher_options(pipeline, open_batch_timeout, registry), store),
      thread([this] { batcher.run([this] { return stop.load(); }); }) {}

RunningBatcher::~RunningBatcher() {
  stop = true;
  thread.join();
}

std::vector<std::string> meeting_rows(const std::string& org, std::uint64_t count, std::uint64_t seed) {
  std::vector<std::string> rows;
  synthetic::generate_meetings({org, count, seed, "2026-11-24T23:30:00Z"}, [&](std::string_view r) { rows.emplace_back(r); });
  return rows;
}

std::string meeting_id(const std::string& row) {
  rapidjson::Document doc;
  doc.Parse(row.c_str());
  return doc["meeting_id"].GetString();
}

std::string edit_row(const std::string& row, const std::function<void(rapidjson::Document&)>& edit) {
  rapidjson::Document doc;
  doc.Parse(row.c_str());
  edit(doc);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string record(const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
  std::string out;
  schema::encode_record(out, job, batch, seq, row);
  return out;
}

void send(kafka::Producer& producer, const std::string& key, std::string_view kind, const std::string& payload) {
  const kafka::Header headers[] = {{schema::schema().kind_header, kind}};
  producer.produce(schema::schema().topics.meetings, key, payload, headers);
}

void scan_topic(const kafka::Properties& properties, const std::string& topic,
                const std::function<bool(const kafka::Message&)>& take, std::chrono::milliseconds timeout) {
  kafka::Properties props = properties;
  props.emplace_back("group.id", unique_group("scan-"));  // never joined: partitions are assigned by hand
  props.emplace_back("enable.auto.commit", "false");
  props.emplace_back("enable.partition.eof", "false");
  kafka::HandlePtr handle = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(props));
  rd_kafka_poll_set_consumer(handle.get());
  const rd_kafka_metadata_t* metadata = nullptr;
  std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> handle_topic(
      rd_kafka_topic_new(handle.get(), topic.c_str(), nullptr), &rd_kafka_topic_destroy);
  ASSERT_EQ(rd_kafka_metadata(handle.get(), 0, handle_topic.get(), &metadata, 10'000), RD_KAFKA_RESP_ERR_NO_ERROR);
  ASSERT_EQ(metadata->topic_cnt, 1);
  std::unique_ptr<rd_kafka_topic_partition_list_t, decltype(&rd_kafka_topic_partition_list_destroy)> assignment(
      rd_kafka_topic_partition_list_new(metadata->topics[0].partition_cnt), &rd_kafka_topic_partition_list_destroy);
  for (int p = 0; p < metadata->topics[0].partition_cnt; ++p) {
    rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), metadata->topics[0].partitions[p].id)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_metadata_destroy(metadata);
  ASSERT_EQ(rd_kafka_assign(handle.get(), assignment.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    rd_kafka_message_t* raw = rd_kafka_consumer_poll(handle.get(), 50);
    if (raw == nullptr) continue;
    kafka::Message message(raw);
    if (message.error()) continue;
    if (take(message)) break;
  }
  rd_kafka_assign(handle.get(), nullptr);
}

ManifestsSeen scan_manifests(const kafka::Properties& properties, const std::function<bool(const ManifestsSeen&)>& done,
                             std::chrono::milliseconds timeout) {
  ManifestsSeen seen;
  if (done(seen)) return seen;
  scan_topic(properties, schema::schema().topics.batches, [&](const kafka::Message& message) {
    auto manifest = schema::decode_manifest(message.payload());
    if (auto* b = std::get_if<schema::BatchManifest>(&manifest)) {
      seen.batches[{b->job.id(), b->batch}] = *b;
    } else {
      auto& j = std::get<schema::JobManifest>(manifest);
      seen.jobs[j.job.id()] = j;
    }
    return done(seen);
  }, timeout);
  return seen;
}

std::vector<DeadRecord> read_records_dlq(const kafka::Properties& properties, std::size_t count,
                                         std::chrono::milliseconds settle) {
  std::vector<DeadRecord> entries;
  auto read = [&](const kafka::Message& message) {
    DeadRecord entry;
    entry.json = std::string(message.payload());
    entry.message_key = std::string(message.key());
    entry.size = message.payload().size();
    rapidjson::Document doc;
    doc.Parse(entry.json.c_str(), entry.json.size());
    EXPECT_FALSE(doc.HasParseError()) << "a DLQ entry is not JSON: " << entry.json.substr(0, 200);
    if (!doc.HasParseError() && doc.IsObject()) {
      if (doc.HasMember("reason") && doc["reason"].IsString()) entry.reason = doc["reason"].GetString();
      if (doc.HasMember("topic") && doc["topic"].IsString()) entry.topic = doc["topic"].GetString();
      if (doc.HasMember("partition") && doc["partition"].IsInt()) entry.partition = doc["partition"].GetInt();
      if (doc.HasMember("offset") && doc["offset"].IsInt64()) entry.offset = doc["offset"].GetInt64();
      if (doc.HasMember("kind") && doc["kind"].IsString()) entry.kind = doc["kind"].GetString();
      if (doc.HasMember("payload_bytes") && doc["payload_bytes"].IsUint64()) entry.payload_bytes = doc["payload_bytes"].GetUint64();
    }
    entries.push_back(std::move(entry));
  };
  scan_topic(properties, schema::schema().topics.records_dlq, [&](const kafka::Message& m) {
    read(m);
    return entries.size() >= count;
  });
  // A little longer, so that entries beyond the expected ones are seen too.
  std::size_t index = 0;
  scan_topic(properties, schema::schema().topics.records_dlq, [&](const kafka::Message& m) {
    if (++index > entries.size()) read(m);
    return false;
  }, settle);
  return entries;
}

std::vector<StoredMessage> read_topic(const kafka::Properties& properties, const std::string& topic, std::size_t count) {
  std::vector<StoredMessage> messages;
  scan_topic(properties, topic, [&](const kafka::Message& m) {
    messages.push_back({m.partition(), m.offset(), std::string(m.key()), std::string(m.payload())});
    return messages.size() >= count;
  });
  return messages;
}

const StoredMessage* at(const std::vector<StoredMessage>& messages, std::int32_t partition, std::int64_t offset) {
  for (const auto& m : messages) {
    if (m.partition == partition && m.offset == offset) return &m;
  }
  return nullptr;
}

std::string chunk_csv(const chunkstore::ChunkStore& store, const schema::JobKey& job, std::uint32_t batch) {
  auto reader = store.open(schema::chunk_id(job, batch));
  std::string compressed;
  char buffer[1 << 16];
  while (std::size_t n = reader->read(buffer, sizeof buffer)) compressed.append(buffer, n);
  return inflate_raw(compressed);
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

std::vector<std::string> files_below(const std::filesystem::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) files.push_back(std::filesystem::relative(entry.path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace insights::testing
