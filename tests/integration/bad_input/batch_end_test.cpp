// batch_end messages that cannot be trusted: a count below or above the records that arrived, or no readable
// batch_end at all. Such a batch is never uploaded short: the batcher reports it incomplete (no chunk), the uploader
// sends its job to insights.batches.dlq.v1 with the reason, and other jobs go on to Salesforce untouched.
#include <gtest/gtest.h>

#include "shared/kafka/producer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/bad_input/bad_input_fixture.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

struct BatchEndCase {
  std::string run;
  std::uint64_t sent;       // records produced in batch 0
  std::string batch_end;    // batch 0's batch_end payload
  std::string batch_reason; // what the incomplete manifest and the job's DLQ entry must say
};

TEST(BatchEnd, UntrustworthyBatchEndFailsItsJobLoudlyAndNothingIsUploadedShort) {
  UploaderBench bench;
  const auto emulator_options = bench.emulator_options();
  salesforce::Client client({bench.emulator->base_url(), emulator_options.client_id, emulator_options.client_secret},
                            bench.client_options());
  const auto uploader_options = bench.uploader_options("bad-input-uploader");
  uploader::JobTargets targets(client, nullptr, uploader_options.upload);
  RunningBatcher running(bench.pipeline, bench.pipeline.dir / "chunks");  // the default 30 min open-batch timeout
  UploaderThread uploader(uploader_options, bench.store, targets);

  const schema::JobKey fewer{"acme", "meetings", "count-fewer"};
  const schema::JobKey more{"acme", "meetings", "count-more"};
  const schema::JobKey unreadable{"acme", "meetings", "batch-end-unreadable"};
  const std::vector<BatchEndCase> cases = {
      {fewer.run, 6, schema::encode_batch_end(fewer, 0, 8), "2 never arrived"},
      {more.run, 6, schema::encode_batch_end(more, 0, 4), "2 lie beyond that count"},
      {unreadable.run, 6, schema::encode_batch_end(unreadable, 0, 6).substr(0, 40), "batch_end"},
  };
  const schema::JobKey good{"acme", "meetings", "after-the-bad-ones"};
  const auto rows = meeting_rows("acme", 16, 9);  // 6 for batch 0 of each case's job (shared), 4 for batch 1, 6 for the good job
  {
    kafka::Producer producer(bench.pipeline.properties());
    for (const auto& c : cases) {
      const schema::JobKey job{"acme", "meetings", c.run};
      for (std::uint64_t seq = 0; seq < c.sent; ++seq) send(producer, job.batch_key(0), "record", record(job, 0, seq, rows[seq]));
      send(producer, job.batch_key(0), "batch_end", c.batch_end);
      for (std::uint64_t seq = 0; seq < 4; ++seq) send(producer, job.batch_key(1), "record", record(job, 1, seq, rows[6 + seq]));
      send(producer, job.batch_key(1), "batch_end", schema::encode_batch_end(job, 1, 4));
      send(producer, job.id(), "run_end", schema::encode_run_end(job, 2, c.sent + 4, "Upsert"));
    }
    for (std::uint64_t seq = 0; seq < 6; ++seq) send(producer, good.batch_key(0), "record", record(good, 0, seq, rows[10 + seq]));
    send(producer, good.batch_key(0), "batch_end", schema::encode_batch_end(good, 0, 6));
    send(producer, good.id(), "run_end", schema::encode_run_end(good, 1, 6, "Upsert"));
    producer.flush(std::chrono::seconds(30));
  }

  // Each bad job ends without an upload, the good one completes: four results, well before any batch timeout.
  const auto results = uploader.wait_for(cases.size() + 1, std::chrono::seconds(30));
  ASSERT_EQ(results.size(), cases.size() + 1);
  std::vector<std::string> dlq;  // insights.batches.dlq.v1 entries
  scan_topic(bench.pipeline.properties(), schema::schema().topics.batches_dlq, [&](const kafka::Message& m) {
    dlq.emplace_back(m.payload());
    return dlq.size() >= cases.size();
  });
  ASSERT_EQ(dlq.size(), cases.size());
  const auto seen = scan_manifests(bench.pipeline.properties(), [&](const ManifestsSeen& s) { return s.batches.size() >= 7; });
  for (const auto& c : cases) {
    SCOPED_TRACE(c.run);
    const schema::JobKey job{"acme", "meetings", c.run};
    const auto manifest = seen.batches.find({job.id(), 0});
    ASSERT_NE(manifest, seen.batches.end());
    EXPECT_FALSE(manifest->second.complete);
    EXPECT_NE(manifest->second.reason.find(c.batch_reason), std::string::npos) << manifest->second.reason;
    EXPECT_FALSE(bench.store.find(schema::chunk_id(job, 0)).has_value()) << "no chunk for an untrustworthy batch";
    EXPECT_TRUE(seen.batches.at({job.id(), 1}).complete) << "the job's other batch is fine";

    const auto result = std::find_if(results.begin(), results.end(), [&](const auto& r) { return r.job == job; });
    ASSERT_NE(result, results.end());
    EXPECT_FALSE(result->ok);
    EXPECT_EQ(result->status, "Incomplete");
    EXPECT_NE(result->message.find("batch 0 is incomplete"), std::string::npos) << result->message;
    const auto entry = std::find_if(dlq.begin(), dlq.end(), [&](const auto& e) { return json_string(e, "job") == job.id(); });
    ASSERT_NE(entry, dlq.end());
    EXPECT_NE(json_string(*entry, "error").find(c.batch_reason), std::string::npos) << *entry;
    EXPECT_EQ(json_string(*entry, "status"), "Incomplete") << *entry;
  }

  // Only the good job reached Salesforce, whole.
  const auto headers = bench.emulator->headers();
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0].file_name, good.file_name());
  const auto dataset = bench.emulator->dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), 6u);
  const auto metrics = running.metrics();
  EXPECT_NE(metrics.find("insights_batcher_batches_incomplete_total{dataset=\"meetings\"} 3\n"), std::string::npos) << metrics;
  EXPECT_TRUE(running.batcher.kafka_reachable());
}

}  // namespace
}  // namespace insights::testing
