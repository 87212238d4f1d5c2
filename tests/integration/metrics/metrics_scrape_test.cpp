// Scrapes /metrics over HTTP while records flow through a real in-process pipeline (embedded broker, batcher,
// uploader, External Data API emulator): the counters move during the run, never go back, and end equal to the
// run's totals.
#include <gtest/gtest.h>

#include <httplib.h>

#include <atomic>
#include <map>
#include <optional>
#include <thread>

#include "producers/job_producer.h"
#include "producers/synthetic/meetings_generator.h"
#include "tests/integration/pipeline/in_process_pipeline.h"

namespace insights::testing {
namespace {

constexpr std::uint64_t kBatchRecords = 250;
constexpr std::uint64_t kBatchesPerJob = 8;
const std::vector<std::string> kOrgs{"acme", "northbank"};

// The series the test follows; a series not yet created reads 0.
const std::vector<std::string> kSeries{
    R"(insights_batcher_records_total{dataset="meetings"})",
    R"(insights_batcher_rows_total{dataset="meetings"})",
    R"(insights_batcher_batches_written_total{dataset="meetings"})",
    R"(insights_uploader_records_produced_total{dataset="meetings"})",
    R"(insights_uploader_rows_total{dataset="meetings"})",
    R"(insights_uploader_jobs_total{dataset="meetings",outcome="completed"})",
};

using Sample = std::map<std::string, double>;

std::optional<Sample> scrape(int port) {
  auto response = httplib::Client("127.0.0.1", port).Get("/metrics");
  if (!response || response->status != 200) return std::nullopt;
  Sample sample;
  for (const auto& series : kSeries) {
    const auto pos = response->body.find("\n" + series + " ");
    sample[series] = pos == std::string::npos ? 0.0 : std::stod(response->body.substr(pos + series.size() + 2));
  }
  return sample;
}

// Produces one meetings job per org, batch by batch, delivering each batch before the next so records reach the
// workers over the course of the run rather than all at once.
void produce_paced(const kafka::Properties& properties, const std::atomic<bool>& abort) {
  kafka::Producer producer(properties);
  for (const auto& org : kOrgs) {
    std::vector<std::string> rows;
    synthetic::generate_meetings({org, kBatchRecords * kBatchesPerJob, 5, "2026-11-24T23:30:00Z"},
                                 [&](std::string_view row) { rows.emplace_back(row); });
    producers::JobProducer job(producer, {org, "meetings", "scrape-run"}, kBatchRecords);
    for (std::size_t i = 0; i < rows.size() && !abort; ++i) {
      job.add_row(rows[i]);
      if ((i + 1) % kBatchRecords == 0) {
        producer.flush(std::chrono::seconds(30));
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
      }
    }
    job.finish("Upsert");
    producer.flush(std::chrono::seconds(30));
  }
}

TEST(MetricsScrape, CountersMoveDuringTheRunAndEndAtTheRunsTotals) {
  InProcessPipeline pipeline({.name = "scrape"});
  std::atomic<bool> stop_producing{false};
  std::thread producer_thread([&] { produce_paced(pipeline.properties(), stop_producing); });

  const double produced = static_cast<double>(kOrgs.size() * kBatchRecords * kBatchesPerJob);
  const double jobs = static_cast<double>(kOrgs.size());
  std::vector<Sample> samples;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto sample = scrape(pipeline.metrics_port())) {
      samples.push_back(*sample);
      if (sample->at(kSeries[5]) >= jobs) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop_producing = true;
  producer_thread.join();
  pipeline.stop();

  ASSERT_GE(samples.size(), 2u);
  std::map<std::string, int> rises;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    for (const auto& series : kSeries) {
      EXPECT_GE(samples[i].at(series), samples[i - 1].at(series)) << series << " went back at scrape " << i;
      if (samples[i].at(series) > samples[i - 1].at(series)) ++rises[series];
    }
  }
  // Records arrived in many deliveries, so scrapes saw the intake part-way, not only before and after.
  EXPECT_GE(rises[kSeries[0]], 2) << "records_total rose in " << rises[kSeries[0]] << " of " << samples.size() << " scrapes";
  const auto& last = samples.back();
  EXPECT_EQ(last.at(kSeries[0]), produced);                                     // records in = produced
  EXPECT_EQ(last.at(kSeries[1]), produced);                                     // rows written = records
  EXPECT_EQ(last.at(kSeries[2]), static_cast<double>(kOrgs.size() * kBatchesPerJob));
  EXPECT_EQ(last.at(kSeries[3]), produced);
  EXPECT_EQ(last.at(kSeries[4]), produced);                                     // rows uploaded = records
  EXPECT_EQ(last.at(kSeries[5]), jobs);                                         // jobs completed = jobs

  const auto results = pipeline.results();
  ASSERT_EQ(results.size(), kOrgs.size());
  for (const auto& r : results) {
    EXPECT_TRUE(r.ok) << r.job.id() << ": " << r.message;
    ASSERT_TRUE(r.rows_in_dataset.has_value());
    EXPECT_EQ(*r.rows_in_dataset, kBatchRecords * kBatchesPerJob);
  }
}

}  // namespace
}  // namespace insights::testing
