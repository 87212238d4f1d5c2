// Ids that could escape the chunk store (`/`, `..`, NUL, over-long) in org, dataset or run, on records, batch_ends
// and run_ends mixed into a good job: nothing may be written outside the store root, every such message is
// dead-lettered with a reason, and the good job is written whole.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <fmt/format.h>
#include <rapidjson/writer.h>

#include "shared/codec/sha256.h"
#include "shared/kafka/producer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/bad_input/bad_input_fixture.h"

namespace insights::testing {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string_member(Writer& w, const char* name, const std::string& value) {
  w.Key(name);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// The envelope as a producer would write it, ids escaped as JSON requires (the project's encoders assume safe ids).
std::string envelope(const schema::JobKey& job, const std::function<void(Writer&)>& rest) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("v");
  w.Int(schema::schema().version);
  string_member(w, "org", job.org);
  string_member(w, "dataset", job.dataset);
  string_member(w, "run", job.run);
  rest(w);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string unsafe_record(const schema::JobKey& job, std::uint64_t seq, const std::string& row) {
  return envelope(job, [&](Writer& w) {
    w.Key("batch");
    w.Uint(0);
    w.Key("seq");
    w.Uint64(seq);
    w.Key("row");
    w.RawValue(row.data(), row.size(), rapidjson::kObjectType);
  });
}

std::string unsafe_batch_end(const schema::JobKey& job, std::uint64_t count) {
  return envelope(job, [&](Writer& w) {
    w.Key("batch");
    w.Uint(0);
    w.Key("count");
    w.Uint64(count);
  });
}

std::string unsafe_run_end(const schema::JobKey& job) {
  return envelope(job, [&](Writer& w) {
    w.Key("batches");
    w.Uint(1);
    w.Key("records");
    w.Uint(1);
    string_member(w, "operation", "Overwrite");
  });
}

std::vector<schema::JobKey> unsafe_jobs() {
  return {
      {"ac/me", "meetings", "r1"},
      {"..", "meetings", "r2"},
      {"acme", "meetings", ".."},
      {"acme", "meetings", "../../../../../../escape-run"},
      {"acme", "../../../../../escape-dataset", "r3"},
      {std::string("ac\0me", 5), "meetings", "r4"},
      {"acme", "meetings", std::string("r5\0/../escape-nul", 17)},
      {std::string(65, 'a'), "meetings", "r6"},
      {"acme", "meetings", std::string(2'000'000, 'r')},  // a 2 MB id: larger than a DLQ message may be
  };
}

TEST(UnsafeIds, NothingIsWrittenOutsideTheStoreAndEveryMessageIsDeadLettered) {
  MockPipeline pipeline;
  const auto store_root = pipeline.dir / "a" / "b" / "c" / "d" / "chunks";
  RunningBatcher running(pipeline, store_root);
  const schema::JobKey good_job{"acme", "meetings", "ids-good"};
  const auto rows = meeting_rows("acme", 12, 5);  // 8 good, 4 as rows of the unsafe records
  const auto unsafe = unsafe_jobs();
  {
    kafka::Producer producer(with_large_messages(pipeline.properties()));
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < unsafe.size(); ++i) {
      if (i % 2 == 0 && seq < 8) send(producer, good_job.batch_key(0), "record", record(good_job, 0, seq, rows[seq])), ++seq;
      send(producer, unsafe[i].batch_key(0), "record", unsafe_record(unsafe[i], 0, rows[8 + i % 4]));
      send(producer, unsafe[i].batch_key(0), "batch_end", unsafe_batch_end(unsafe[i], 1));
      send(producer, unsafe[i].id(), "run_end", unsafe_run_end(unsafe[i]));
    }
    while (seq < 8) send(producer, good_job.batch_key(0), "record", record(good_job, 0, seq, rows[seq])), ++seq;
    send(producer, good_job.batch_key(0), "batch_end", schema::encode_batch_end(good_job, 0, 8));
    send(producer, good_job.id(), "run_end", schema::encode_run_end(good_job, 1, 8, "Overwrite"));
    producer.flush(std::chrono::seconds(30));
  }

  const auto seen = scan_manifests(pipeline.properties(), [&](const ManifestsSeen& s) {
    return s.batches.count({good_job.id(), 0}) && s.jobs.count(good_job.id());
  });
  ASSERT_EQ(seen.batches.count({good_job.id(), 0}), 1u);
  const auto& manifest = seen.batches.at({good_job.id(), 0});
  EXPECT_TRUE(manifest.complete) << manifest.reason;
  EXPECT_EQ(manifest.meta.records, 8u);
  EXPECT_EQ(manifest.meta.rejected, 0u);
  EXPECT_EQ(seen.batches.size(), 1u) << "no manifest for an unsafe job";
  EXPECT_EQ(seen.jobs.size(), 1u) << "no job manifest for an unsafe job";
  const std::string csv = "\n" + chunk_csv(running.store, good_job, 0);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(occurrences(csv, "\n" + meeting_id(rows[i]) + ","), 1u);

  // Three DLQ entries per unsafe job (record, batch_end, run_end), each bounded in size and naming the bad id.
  const auto dead = read_records_dlq(pipeline.properties(), 3 * unsafe.size());
  EXPECT_EQ(dead.size(), 3 * unsafe.size());
  std::map<std::string, int> kinds;
  const std::string long_key_hash = codec::sha256_hex(unsafe.back().batch_key(0));
  const std::string long_job_hash = codec::sha256_hex(unsafe.back().id());
  int cut_keys = 0;
  for (const auto& d : dead) {
    ++kinds[d.kind];
    EXPECT_LT(d.size, 1'000'000u) << "over the DLQ topic's default message.max.bytes";
    if (d.json.find("\"key_truncated\":true") != std::string::npos) {
      ++cut_keys;
      EXPECT_TRUE(d.json.find(long_key_hash) != std::string::npos || d.json.find(long_job_hash) != std::string::npos)
          << "a cut key carries the SHA-256 of the whole key";
    }
    EXPECT_TRUE(d.reason.find("is not a safe id") != std::string::npos || d.reason.find("unknown dataset") != std::string::npos)
        << d.reason.substr(0, 300);
    EXPECT_LT(d.reason.size(), 1024u) << "a reason quotes at most the start of an id";
    EXPECT_EQ(d.topic, schema::schema().topics.meetings);
    EXPECT_GE(d.partition, 0);
    EXPECT_GE(d.offset, 0);
  }
  EXPECT_EQ(cut_keys, 3) << "record, batch_end and run_end of the job with the 2 MB run id";
  EXPECT_EQ(kinds["record"], static_cast<int>(unsafe.size()));
  EXPECT_EQ(kinds["batch_end"], static_cast<int>(unsafe.size()));
  EXPECT_EQ(kinds["run_end"], static_cast<int>(unsafe.size()));

  // Only the good job's chunk and metadata exist, all below the store root; nothing escaped upwards.
  for (const auto& file : files_below(pipeline.dir)) {
    EXPECT_EQ(file.rfind("a/b/c/d/chunks/acme/meetings/ids-good/", 0), 0u) << file;
  }
  for (const char* escaped : {"escape-run", "escape-dataset", "escape-nul"}) {
    EXPECT_FALSE(std::filesystem::exists(std::filesystem::temp_directory_path() / escaped)) << escaped;
  }
  const auto metrics = running.metrics();
  EXPECT_NE(metrics.find(fmt::format("insights_batcher_records_rejected_total{{dataset=\"meetings\"}} {}\n", 3 * unsafe.size())),
            std::string::npos)
      << metrics;
  EXPECT_TRUE(running.batcher.kafka_reachable());
}

}  // namespace
}  // namespace insights::testing
