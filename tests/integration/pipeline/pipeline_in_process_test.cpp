// The whole path in one process on the embedded broker: producer, batcher, uploader and emulator. Parts are kept
// tiny so the job's single gzip member is cut into many parts.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "emulator/emulator_server.h"
#include "shared/metrics/health_server.h"
#include "producers/job_producer.h"
#include "producers/synthetic/meetings_generator.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/batcher/pipeline_fixture.h"
#include "workers/batcher/batcher.h"
#include "workers/uploader/uploader.h"

namespace insights::testing {
namespace {

TEST(PipelineInProcess, JobWithRejectedRecordsCompletesAcrossManyParts) {
  MockPipeline pipeline;
  emulator::Options emulator_options;
  emulator_options.processing_delay = std::chrono::milliseconds(5);
  emulator::Server emulator(emulator_options);
  chunkstore::FileChunkStore store(pipeline.dir / "chunks");
  salesforce::ClientOptions client_options;
  client_options.poll_first = std::chrono::milliseconds(50);
  salesforce::Client client({emulator.base_url(), emulator_options.client_id, emulator_options.client_secret}, client_options);

  metrics::Registry registry;
  metrics::HealthServer health("127.0.0.1", 0, registry, {});
  batcher::BatcherOptions batcher_options;
  batcher_options.kafka = pipeline.properties();
  batcher_options.group_id = "it-batcher";
  batcher_options.metrics = &registry;
  uploader::UploaderOptions uploader_options;
  uploader_options.kafka = pipeline.properties();
  uploader_options.group_id = "it-uploader";
  uploader_options.upload.max_part_bytes = 16 * 1024;

  std::mutex mutex;
  std::vector<uploader::JobResult> results;
  std::atomic<bool> stop{false};
  batcher::Batcher batcher(batcher_options, store);
  uploader::Uploader uploader(uploader_options, store, client, [&](const uploader::JobResult& r) {
    std::lock_guard lock(mutex);
    results.push_back(r);
  });
  std::thread batcher_thread([&] { batcher.run([&] { return stop.load(); }); });
  std::thread uploader_thread([&] { uploader.run([&] { return stop.load(); }); });

  const schema::JobKey job{"acme", "meetings", "it-run"};
  {
    kafka::Producer producer(pipeline.properties());
    producers::JobProducer out(producer, job, 1000);
    synthetic::generate_meetings({"acme", 2998, 5, "2026-11-24T23:30:00Z"}, [&](std::string_view row) { out.add_row(row); });
    out.add_row(R"({"meeting_id":"broken"})");           // misses required fields
    out.add_row(R"({"meeting_id":"x","participants":1})");  // unknown field
    out.finish("Upsert");
    producer.flush(std::chrono::seconds(30));
  }

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (;;) {
    {
      std::lock_guard lock(mutex);
      if (!results.empty() || std::chrono::steady_clock::now() > deadline) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  batcher_thread.join();
  uploader_thread.join();

  auto scraped = httplib::Client("127.0.0.1", health.port()).Get("/metrics");
  ASSERT_TRUE(scraped);
  EXPECT_NE(scraped->body.find("insights_batcher_rows_total{dataset=\"meetings\"} 2998\n"), std::string::npos) << scraped->body;
  EXPECT_NE(scraped->body.find("insights_batcher_records_rejected_total{dataset=\"meetings\"} 2\n"), std::string::npos);
  EXPECT_NE(scraped->body.find("insights_batcher_batches_written_total{dataset=\"meetings\"} 3\n"), std::string::npos);

  ASSERT_EQ(results.size(), 1u);
  const auto& r = results[0];
  EXPECT_EQ(r.status, "Completed") << r.message;
  EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.records_produced, 3000u);
  EXPECT_EQ(r.rejected, 2u);
  EXPECT_EQ(r.rows_expected, 2998u);
  EXPECT_EQ(r.batches, 3u);
  EXPECT_GT(r.parts, 5);
  ASSERT_TRUE(r.rows_in_dataset.has_value());
  EXPECT_EQ(*r.rows_in_dataset, 2998u);
  const auto dataset = emulator.dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), 2998u);
  EXPECT_EQ(dataset->columns.size(), schema::schema().dataset("meetings").fields.size());
  const auto headers = emulator.headers();
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0].file_name, job.file_name());
  EXPECT_EQ(headers[0].parts, r.parts);
}

}  // namespace
}  // namespace insights::testing
