// The whole path in one process on the embedded broker: producer, batcher, uploader and emulator. Parts are kept
// tiny so the job's single gzip member is cut into many parts.
#include <gtest/gtest.h>

#include <httplib.h>

#include "producers/job_producer.h"
#include "producers/synthetic/meetings_generator.h"
#include "shared/schema/schema.h"
#include "tests/integration/pipeline/in_process_pipeline.h"

namespace insights::testing {
namespace {

TEST(PipelineInProcess, JobWithRejectedRecordsCompletesAcrossManyParts) {
  InProcessPipeline pipeline({.name = "it", .max_part_bytes = 16 * 1024});

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

  pipeline.wait_for_results(1, std::chrono::seconds(120));
  pipeline.stop();

  auto scraped = httplib::Client("127.0.0.1", pipeline.metrics_port()).Get("/metrics");
  ASSERT_TRUE(scraped);
  EXPECT_NE(scraped->body.find("insights_batcher_rows_total{dataset=\"meetings\"} 2998\n"), std::string::npos) << scraped->body;
  EXPECT_NE(scraped->body.find("insights_batcher_records_rejected_total{dataset=\"meetings\"} 2\n"), std::string::npos);
  EXPECT_NE(scraped->body.find("insights_batcher_batches_written_total{dataset=\"meetings\"} 3\n"), std::string::npos);

  const auto results = pipeline.results();
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
  const auto dataset = pipeline.emulator().dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), 2998u);
  EXPECT_EQ(dataset->columns.size(), schema::schema().dataset("meetings").fields.size());
  const auto headers = pipeline.emulator().headers();
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0].file_name, job.file_name());
  EXPECT_EQ(headers[0].parts, r.parts);
}

}  // namespace
}  // namespace insights::testing
