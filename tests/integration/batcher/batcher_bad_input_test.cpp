// Bad records go to the records DLQ with a reason and are counted; a lost record makes its batch incomplete.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <thread>

#include "producers/synthetic/meetings_generator.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/kafka/consumer.h"
#include "shared/kafka/producer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/batcher/pipeline_fixture.h"
#include "workers/batcher/batcher.h"

namespace insights::testing {
namespace {

const schema::JobKey kJob{"acme", "meetings", "bad-input"};

batcher::BatcherOptions options_for(MockPipeline& pipeline, std::chrono::milliseconds open_batch_timeout) {
  batcher::BatcherOptions options;
  options.kafka = pipeline.properties();
  options.group_id = "bad-input-batcher";
  options.open_batch_timeout = open_batch_timeout;
  return options;
}

struct RunningBatcher {
  explicit RunningBatcher(MockPipeline& pipeline, std::chrono::milliseconds open_batch_timeout = std::chrono::minutes(30))
      : store(pipeline.dir / "chunks"), batcher(options_for(pipeline, open_batch_timeout), store),
        thread([this] { batcher.run([this] { return stop.load(); }); }) {}
  ~RunningBatcher() {
    stop = true;
    thread.join();
  }
  chunkstore::FileChunkStore store;
  batcher::Batcher batcher;
  std::atomic<bool> stop{false};
  std::thread thread;
};

std::vector<std::string> meeting_rows(std::uint64_t count) {
  std::vector<std::string> rows;
  synthetic::generate_meetings({"acme", count, 3, "2026-11-24T23:30:00Z"}, [&](std::string_view r) { rows.emplace_back(r); });
  return rows;
}

void send(kafka::Producer& producer, const std::string& key, std::string_view kind, const std::string& payload) {
  const kafka::Header headers[] = {{schema::schema().kind_header, kind}};
  producer.produce(schema::schema().topics.meetings, key, payload, headers);
}

std::string record(std::uint32_t batch, std::uint64_t seq, std::string_view row) {
  std::string out;
  schema::encode_record(out, kJob, batch, seq, row);
  return out;
}

std::vector<std::string> dlq_reasons(const kafka::Properties& properties, std::size_t expected) {
  std::vector<std::string> reasons;
  kafka::Consumer consumer(properties, "dlq-reader", {schema::schema().topics.records_dlq}, nullptr);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (reasons.size() < expected && std::chrono::steady_clock::now() < deadline) {
    auto message = consumer.poll(std::chrono::milliseconds(100));
    if (!message || message->error()) continue;
    rapidjson::Document doc;
    doc.Parse(message->payload().data(), message->payload().size());
    reasons.emplace_back(doc["reason"].GetString());
  }
  return reasons;
}

TEST(BatcherBadInput, RejectedRecordsAreCountedAndDeadLettered) {
  MockPipeline pipeline;
  RunningBatcher running(pipeline);
  auto rows = meeting_rows(5);
  {
    kafka::Producer producer(pipeline.properties());
    const std::string key = kJob.batch_key(0);
    for (std::uint64_t seq = 0; seq < 5; ++seq) send(producer, key, "record", record(0, seq, rows[seq]));
    send(producer, key, "record", "{\"v\":1,\"org\":\"acme\",");  // malformed JSON
    std::string missing = rows[0];
    const auto at = missing.find("\"meeting_type\"");
    ASSERT_NE(at, std::string::npos);
    missing.replace(at, std::string("\"meeting_type\"").size(), "\"meeting_typo\"");
    send(producer, key, "record", record(0, 6, missing));  // unknown field: meeting_type is missing
    std::string future = record(0, 7, rows[1]);
    future.replace(future.find("\"v\":1"), 5, "\"v\":99");
    send(producer, key, "record", future);  // unknown schema version
    send(producer, key, "batch_end", schema::encode_batch_end(kJob, 0, 8));
    send(producer, kJob.id(), "run_end", schema::encode_run_end(kJob, 1, 8, "Upsert"));
    producer.flush(std::chrono::seconds(30));
  }
  const auto seen = read_manifests(pipeline.properties(), [](const ManifestsSeen& s) { return !s.batches.empty() && !s.jobs.empty(); },
                                   std::chrono::seconds(60));
  ASSERT_EQ(seen.batches.size(), 1u);
  const auto& manifest = seen.batches.begin()->second;
  EXPECT_TRUE(manifest.complete) << manifest.reason;
  EXPECT_EQ(manifest.meta.records, 5u);
  EXPECT_EQ(manifest.meta.rejected, 3u);
  EXPECT_EQ(seen.jobs.at(kJob.id()).records, 8u);

  auto reasons = dlq_reasons(pipeline.properties(), 3);
  ASSERT_EQ(reasons.size(), 3u);
  std::sort(reasons.begin(), reasons.end());
  EXPECT_NE(reasons[0].find("malformed JSON"), std::string::npos) << reasons[0];
  EXPECT_NE(reasons[1].find("missing required field 'meeting_type'"), std::string::npos) << reasons[1];
  EXPECT_NE(reasons[2].find("unknown schema version 99"), std::string::npos) << reasons[2];
}

TEST(BatcherBadInput, LostRecordMakesTheBatchIncomplete) {
  MockPipeline pipeline;
  RunningBatcher running(pipeline);
  auto rows = meeting_rows(5);
  {
    kafka::Producer producer(pipeline.properties());
    const std::string key = kJob.batch_key(0);
    for (std::uint64_t seq = 0; seq < 5; ++seq) {
      if (seq != 3) send(producer, key, "record", record(0, seq, rows[seq]));
    }
    send(producer, key, "record", record(0, 1, rows[1]));  // a duplicate does not fill the gap
    send(producer, key, "batch_end", schema::encode_batch_end(kJob, 0, 5));
    producer.flush(std::chrono::seconds(30));
  }
  const auto seen = read_manifests(pipeline.properties(), [](const ManifestsSeen& s) { return !s.batches.empty(); },
                                   std::chrono::seconds(60));
  ASSERT_EQ(seen.batches.size(), 1u);
  const auto& manifest = seen.batches.begin()->second;
  EXPECT_FALSE(manifest.complete);
  EXPECT_EQ(manifest.missing, 1u);
  EXPECT_NE(manifest.reason.find("never arrived"), std::string::npos);
  EXPECT_FALSE(running.store.find({"acme", "meetings", "bad-input", 0}).has_value());
}

TEST(BatcherBadInput, BatchWithoutBatchEndIsReportedIncompleteAfterTheTimeout) {
  MockPipeline pipeline;
  RunningBatcher running(pipeline, std::chrono::seconds(2));
  auto rows = meeting_rows(3);
  {
    kafka::Producer producer(pipeline.properties());
    for (std::uint64_t seq = 0; seq < 3; ++seq) send(producer, kJob.batch_key(0), "record", record(0, seq, rows[seq]));
    producer.flush(std::chrono::seconds(30));
  }
  const auto seen = read_manifests(pipeline.properties(), [](const ManifestsSeen& s) { return !s.batches.empty(); },
                                   std::chrono::seconds(60));
  ASSERT_EQ(seen.batches.size(), 1u);
  const auto& manifest = seen.batches.begin()->second;
  EXPECT_FALSE(manifest.complete);
  EXPECT_EQ(manifest.meta.records, 3u);
  EXPECT_NE(manifest.reason.find("no batch_end arrived"), std::string::npos) << manifest.reason;
  EXPECT_FALSE(running.store.find({"acme", "meetings", "bad-input", 0}).has_value());
}

}  // namespace
}  // namespace insights::testing
