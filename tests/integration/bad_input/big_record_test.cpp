// Records of several MB between good records: dead-lettered with a reason, their DLQ entries cut to a bounded size
// with a marker and the SHA-256 of the whole record, and the batch written with every good record.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "shared/codec/sha256.h"
#include "shared/kafka/producer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/bad_input/bad_input_fixture.h"

namespace insights::testing {
namespace {

// Text that compresses about as badly as real text: the mock cluster keeps only 5 MiB per partition.
std::string noise(std::size_t bytes, std::uint64_t seed) {
  std::string out(bytes, ' ');
  std::uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
  for (auto& c : out) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>('a' + x % 26);
  }
  return out;
}

TEST(BigRecords, SeveralMegabyteRecordsAreDeadLetteredInBoundedEntriesAndTheBatchIsWritten) {
  MockPipeline pipeline;
  RunningBatcher running(pipeline, pipeline.dir / "chunks");
  const schema::JobKey job{"acme", "meetings", "big"};
  const auto rows = meeting_rows("acme", 10, 3);  // 8 good, 2 grown into big records
  auto grow = [&](const std::string& row, const char* field, std::size_t bytes, std::uint64_t seed) {
    return edit_row(row, [&](rapidjson::Document& d) {
      const std::string text = noise(bytes, seed);
      d.RemoveMember(field);
      d.AddMember(rapidjson::Value(field, d.GetAllocator()),
                  rapidjson::Value(text.c_str(), static_cast<rapidjson::SizeType>(text.size()), d.GetAllocator()),
                  d.GetAllocator());
    });
  };
  // One value of 3 MB; and a 1.5 MB field the dataset does not have.
  const std::vector<std::string> big = {record(job, 0, 3, grow(rows[8], "room_name", 3'000'000, 1)),
                                        record(job, 0, 7, grow(rows[9], "notes", 1'500'000, 2))};
  {
    kafka::Producer producer(with_large_messages(pipeline.properties()));
    const std::string key = job.batch_key(0);
    for (std::uint64_t seq = 0, good = 0; seq < 10; ++seq) {
      if (seq == 3 || seq == 7) {
        send(producer, key, "record", big[seq == 3 ? 0 : 1]);
      } else {
        send(producer, key, "record", record(job, 0, seq, rows[good++]));
      }
    }
    send(producer, key, "batch_end", schema::encode_batch_end(job, 0, 10));
    send(producer, job.id(), "run_end", schema::encode_run_end(job, 1, 10, "Upsert"));
    producer.flush(std::chrono::seconds(30));
  }

  const auto seen = scan_manifests(pipeline.properties(), [&](const ManifestsSeen& s) { return !s.batches.empty() && !s.jobs.empty(); });
  ASSERT_EQ(seen.batches.size(), 1u);
  const auto& manifest = seen.batches.begin()->second;
  EXPECT_TRUE(manifest.complete) << manifest.reason;
  EXPECT_EQ(manifest.meta.records, 8u);
  EXPECT_EQ(manifest.meta.rejected, 2u);
  const std::string csv = "\n" + chunk_csv(running.store, job, 0);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(occurrences(csv, "\n" + meeting_id(rows[i]) + ","), 1u);
  EXPECT_LT(csv.size(), 64u * 1024) << "nothing of the big records reached the chunk";

  const auto dead = read_records_dlq(pipeline.properties(), 2);
  ASSERT_EQ(dead.size(), 2u);
  for (const auto& d : dead) {
    const bool value = d.reason.find("field 'room_name' has 3000000 characters") != std::string::npos;
    const bool unknown = d.reason.find("unknown field 'notes'") != std::string::npos;
    EXPECT_TRUE(value || unknown) << d.reason;
    const std::string& original = big[value ? 0 : 1];
    EXPECT_EQ(d.payload_bytes, original.size());
    EXPECT_LT(d.size, 200u * 1024) << "a DLQ entry keeps only the start of a big record";
    EXPECT_NE(d.json.find("\"payload_truncated\":true"), std::string::npos);
    EXPECT_NE(d.json.find("\"payload_sha256\":\"" + codec::sha256_hex(original) + "\""), std::string::npos)
        << "the entry identifies the whole record";
    EXPECT_EQ(d.kind, "record");
    EXPECT_EQ(d.topic, schema::schema().topics.meetings);
  }
  const auto stored = read_topic(pipeline.properties(), schema::schema().topics.meetings, 12);
  for (const auto& d : dead) {
    const StoredMessage* source = at(stored, d.partition, d.offset);
    ASSERT_NE(source, nullptr);
    EXPECT_TRUE(source->payload == big[0] || source->payload == big[1]) << "the entry points at the big record";
  }
  EXPECT_TRUE(running.batcher.kafka_reachable());
}

}  // namespace
}  // namespace insights::testing
