// One kind of bad record per test, mixed into a real batch before, between and after good records and produced
// through the Kafka client to the mock cluster. The real Batcher must dead-letter each bad record with a reason that
// names the problem and its source, keep every good record exactly once, count both, and go on with the next batch.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>

#include "shared/kafka/producer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/bad_input/bad_input_fixture.h"

namespace insights::testing {
namespace {

using MakeBad = std::function<std::string(const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row)>;

struct BadCase {
  std::string name;
  MakeBad make;        // the bad message's payload
  std::string reason;  // what its DLQ reason must say
  // Applied to the first good row: a value at a limit that must still pass.
  std::function<std::string(const std::string&)> edge_good;
};

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::string set_text(const std::string& row, const char* field, const std::string& value) {
  return edit_row(row, [&](rapidjson::Document& d) {
    d.RemoveMember(field);
    d.AddMember(rapidjson::Value(field, d.GetAllocator()), rapidjson::Value(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), d.GetAllocator()),
                d.GetAllocator());
  });
}

std::vector<BadCase> bad_cases() {
  return {
      {"MalformedJson",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         const auto full = record(job, batch, seq, row);
         return full.substr(0, full.size() / 2);  // cut off mid-record, as a broken producer would
       },
       "malformed JSON", nullptr},
      {"WrongTypeInRow",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         return record(job, batch, seq, set_text(row, "configured_duration_min", "sixty"));
       },
       "field 'configured_duration_min' must be a number", nullptr},
      {"WrongTypeInEnvelope",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         return replace_once(record(job, batch, seq, row), fmt::format("\"seq\":{},", seq), fmt::format("\"seq\":\"{}\",", seq));
       },
       "field 'seq' must be a non-negative integer", nullptr},
      {"MissingRequiredRowField",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         return record(job, batch, seq, edit_row(row, [](rapidjson::Document& d) { d.RemoveMember("meeting_type"); }));
       },
       "missing required field 'meeting_type'", nullptr},
      {"MissingEnvelopeField",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         return replace_once(record(job, batch, seq, row), fmt::format("\"seq\":{},", seq), "");
       },
       "missing field 'seq'", nullptr},
      {"InvalidUtf8",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         // A Latin-1 'é' (0xe9) inside a string: not UTF-8.
         return replace_once(record(job, batch, seq, row), "\"meeting_type\":\"", "\"meeting_type\":\"caf\xe9 ");
       },
       "invalid UTF-8",
       [](const std::string& row) { return set_text(row, "meeting_type", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x85"); }},
      {"NulInValue",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         return record(job, batch, seq, set_text(row, "meeting_type", std::string("in\0person", 9)));
       },
       "field 'meeting_type' contains a NUL character", nullptr},
      {"ValueOver32000Characters",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         return record(job, batch, seq, set_text(row, "room_name", std::string(32'001, 'r')));
       },
       "field 'room_name' has 32001 characters, over its limit",
       // The limit counts characters, not bytes: 255 two-byte characters pass.
       [](const std::string& row) { return set_text(row, "room_name", repeat("\xc3\xa9", 255)); }},
      {"UnknownSchemaVersion",
       [](const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, const std::string& row) {
         return replace_once(record(job, batch, seq, row), "{\"v\":1,", "{\"v\":2,");
       },
       "unknown schema version 2", nullptr},
  };
}

// Metric lines of the batcher for the meetings dataset.
std::string meetings_metric(const char* name, std::uint64_t value) {
  return fmt::format("{}{{dataset=\"meetings\"}} {}\n", name, value);
}

// Every kind runs as its own job through one batcher: a test process pays the mock cluster's fixed 3 s wait for a
// consumer group's first join, so one process per kind would make the suite slow without testing more.
TEST(BadRecords, EachKindIsDeadLetteredWithReasonAndSourceWhileEveryGoodRecordIsWrittenOnce) {
  MockPipeline pipeline;
  RunningBatcher running(pipeline, pipeline.dir / "chunks");
  const auto cases = bad_cases();
  struct Produced {
    schema::JobKey job;
    std::vector<std::string> good;
    std::vector<std::string> bad_rows;
    std::vector<std::string> bad_payloads;
  };
  std::vector<Produced> produced;
  {
    kafka::Producer producer(pipeline.properties());
    for (const auto& c : cases) {
      Produced p{{"acme", "meetings", "bad-" + c.name}, meeting_rows("acme", 16, 11), {}, {}};
      p.bad_rows.assign(p.good.begin() + 13, p.good.end());  // the rows of the 3 bad records
      p.good.resize(13);                                     // 8 for batch 0, 5 for batch 1
      if (c.edge_good) p.good[0] = c.edge_good(p.good[0]);
      const auto& job = p.job;
      const std::string key0 = job.batch_key(0);
      std::uint64_t seq = 0;
      auto send_bad = [&] {
        p.bad_payloads.push_back(c.make(job, 0, seq++, p.bad_rows[p.bad_payloads.size()]));
        send(producer, key0, "record", p.bad_payloads.back());
      };
      send_bad();  // first in the batch
      for (int i = 0; i < 4; ++i) send(producer, key0, "record", record(job, 0, seq++, p.good[i]));
      send_bad();  // between good records
      for (int i = 4; i < 8; ++i) send(producer, key0, "record", record(job, 0, seq++, p.good[i]));
      send_bad();  // last before batch_end
      send(producer, key0, "batch_end", schema::encode_batch_end(job, 0, seq));
      for (std::uint64_t s = 0; s < 5; ++s) send(producer, job.batch_key(1), "record", record(job, 1, s, p.good[8 + s]));
      send(producer, job.batch_key(1), "batch_end", schema::encode_batch_end(job, 1, 5));
      send(producer, job.id(), "run_end", schema::encode_run_end(job, 2, 16, "Upsert"));
      produced.push_back(std::move(p));
    }
    producer.flush(std::chrono::seconds(30));
  }

  const std::size_t jobs = cases.size();
  const auto seen = scan_manifests(pipeline.properties(), [&](const ManifestsSeen& s) {
    return s.batches.size() >= 2 * jobs && s.jobs.size() >= jobs;
  });
  ASSERT_EQ(seen.batches.size(), 2 * jobs);
  const auto dead = read_records_dlq(pipeline.properties(), 3 * jobs);
  EXPECT_EQ(dead.size(), 3 * jobs);
  const auto stored = read_topic(pipeline.properties(), schema::schema().topics.meetings, 19 * jobs);
  ASSERT_EQ(stored.size(), 19 * jobs);

  for (std::size_t i = 0; i < jobs; ++i) {
    const BadCase& c = cases[i];
    const Produced& p = produced[i];
    const auto& job = p.job;
    SCOPED_TRACE(c.name);
    std::set<std::string> ids;
    for (const auto& r : p.good) ids.insert(meeting_id(r));
    for (const auto& r : p.bad_rows) ids.insert(meeting_id(r));
    ASSERT_EQ(ids.size(), 16u) << "the test needs distinct meetings";

    // Both batches complete, counts adding up to what the producer announced.
    const auto& b0 = seen.batches.at({job.id(), 0});
    const auto& b1 = seen.batches.at({job.id(), 1});
    EXPECT_TRUE(b0.complete) << b0.reason;
    EXPECT_EQ(b0.expected, 11u);
    EXPECT_EQ(b0.meta.records, 8u);
    EXPECT_EQ(b0.meta.rejected, 3u);
    EXPECT_TRUE(b1.complete) << b1.reason;
    EXPECT_EQ(b1.meta.records, 5u);
    EXPECT_EQ(b1.meta.rejected, 0u);
    ASSERT_EQ(seen.jobs.count(job.id()), 1u);
    EXPECT_EQ(seen.jobs.at(job.id()).records, b0.meta.records + b0.meta.rejected + b1.meta.records);

    // Every good record exactly once, no bad one, in the chunks.
    const std::string csv = "\n" + chunk_csv(running.store, job, 0) + chunk_csv(running.store, job, 1);
    EXPECT_EQ(occurrences(csv, "\n"), 14u);
    for (const auto& r : p.good) EXPECT_EQ(occurrences(csv, "\n" + meeting_id(r) + ","), 1u) << meeting_id(r);
    for (const auto& r : p.bad_rows) EXPECT_EQ(occurrences(csv, "\n" + meeting_id(r) + ","), 0u) << meeting_id(r);

    // Each bad record once in the DLQ, with the reason and where it came from.
    std::multiset<std::string> dead_payloads;
    for (const auto& d : dead) {
      if (d.message_key != job.batch_key(0)) continue;
      EXPECT_NE(d.reason.find(c.reason), std::string::npos) << d.reason;
      EXPECT_EQ(d.topic, schema::schema().topics.meetings);
      EXPECT_EQ(d.kind, "record");
      const StoredMessage* source = at(stored, d.partition, d.offset);
      ASSERT_NE(source, nullptr) << d.json.substr(0, 300);
      EXPECT_EQ(source->key, job.batch_key(0));
      EXPECT_EQ(d.payload_bytes, source->payload.size());
      dead_payloads.insert(source->payload);
    }
    EXPECT_EQ(dead_payloads, std::multiset<std::string>(p.bad_payloads.begin(), p.bad_payloads.end()));
  }

  // Counters agree, and the worker is still alive and connected.
  const auto metrics = running.metrics();
  EXPECT_NE(metrics.find(meetings_metric("insights_batcher_records_rejected_total", 3 * jobs)), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(meetings_metric("insights_batcher_rows_total", 13 * jobs)), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(meetings_metric("insights_batcher_batches_written_total", 2 * jobs)), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(meetings_metric("insights_batcher_batches_incomplete_total", 0)), std::string::npos) << metrics;
  EXPECT_TRUE(running.batcher.kafka_reachable());
}

}  // namespace
}  // namespace insights::testing
