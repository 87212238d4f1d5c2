// A run_end that names batches which never arrive: the job is not uploaded and does not hang silently; the uploader
// keeps waiting, logs which batches are missing and counts the job in its jobs_waiting gauge, while other jobs go on.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "shared/kafka/producer.h"
#include "shared/log/log.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/bad_input/bad_input_fixture.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

TEST(MissingBatches, JobWaitsAndReportsWhichBatchesAreMissingWithAGauge) {
  std::ostringstream log_lines;
  log::init_for_test(log_lines, "info");
  UploaderBench bench;
  const auto emulator_options = bench.emulator_options();
  salesforce::Client client({bench.emulator->base_url(), emulator_options.client_id, emulator_options.client_secret},
                            bench.client_options());
  metrics::Registry uploader_metrics;
  auto options = bench.uploader_options("bad-input-uploader");
  options.metrics = &uploader_metrics;
  options.waiting_report_after = std::chrono::seconds(1);
  uploader::JobTargets targets(client, nullptr, options.upload);

  const schema::JobKey gaps{"acme", "meetings", "gaps"};
  const schema::JobKey good{"acme", "meetings", "whole"};
  const auto rows = meeting_rows("acme", 9, 4);
  std::string metrics_text;
  std::vector<uploader::JobResult> results;
  {
    RunningBatcher running(bench.pipeline, bench.pipeline.dir / "chunks");
    UploaderThread uploader(options, bench.store, targets);
    {
      kafka::Producer producer(bench.pipeline.properties());
      for (std::uint32_t batch : {0u, 2u}) {  // batches 1 and 3 never come
        for (std::uint64_t seq = 0; seq < 3; ++seq) send(producer, gaps.batch_key(batch), "record", record(gaps, batch, seq, rows[seq]));
        send(producer, gaps.batch_key(batch), "batch_end", schema::encode_batch_end(gaps, batch, 3));
      }
      send(producer, gaps.id(), "run_end", schema::encode_run_end(gaps, 4, 12, "Upsert"));
      for (std::uint64_t seq = 0; seq < 6; ++seq) send(producer, good.batch_key(0), "record", record(good, 0, seq, rows[3 + seq]));
      send(producer, good.batch_key(0), "batch_end", schema::encode_batch_end(good, 0, 6));
      send(producer, good.id(), "run_end", schema::encode_run_end(good, 1, 6, "Upsert"));
      producer.flush(std::chrono::seconds(30));
    }
    results = uploader.wait_for(1, std::chrono::seconds(30));
    const std::string waiting = "insights_uploader_jobs_waiting{dataset=\"meetings\"} 1\n";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (uploader_metrics.render().find(waiting) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    metrics_text = uploader_metrics.render();
    EXPECT_NE(metrics_text.find(waiting), std::string::npos) << metrics_text;
    EXPECT_EQ(uploader.wait_for(1, std::chrono::seconds(0)).size(), 1u) << "the waiting job has no result: it still waits";
  }  // workers stopped: the log stream is no longer written
  log::init("info", "json");

  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].job, good);
  EXPECT_TRUE(results[0].ok) << results[0].message;
  const auto headers = bench.emulator->headers();
  ASSERT_EQ(headers.size(), 1u) << "the job missing batches was not uploaded";
  EXPECT_EQ(headers[0].file_name, good.file_name());
  const std::string logged = log_lines.str();
  const auto report = logged.find("job still waits for manifests");
  ASSERT_NE(report, std::string::npos) << logged.substr(0, 2000);
  const auto line = logged.substr(report, logged.find('\n', report) - report);
  EXPECT_NE(line.find(gaps.id()), std::string::npos) << line;
  EXPECT_NE(line.find("waiting for 2 of 4 batches: 1,3"), std::string::npos) << line;
}

}  // namespace
}  // namespace insights::testing
