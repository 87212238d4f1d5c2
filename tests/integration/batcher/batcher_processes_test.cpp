// Two real batcher processes share four partitions of the embedded broker; every chunk they write must verify.
#include <gtest/gtest.h>
#include <zlib.h>

#include <thread>

#include "producers/job_producer.h"
#include "producers/synthetic/availability_generator.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/kafka/producer.h"
#include "tests/integration/batcher/pipeline_fixture.h"
#include "tests/support/child_process.h"

namespace insights::testing {
namespace {

constexpr std::uint64_t kBatch = 100'000;

std::vector<std::string> batcher_argv(const MockPipeline& pipeline) {
  return {INSIGHTS_BINARY,
          "--set", "kafka.bootstrap_servers=" + pipeline.cluster.bootstrap_servers(),
          "--set", "kafka.session_timeout_ms=6000",
          "--set", "kafka.extra=fetch.wait.max.ms=10",
          "--set", "chunk_store.path=" + (pipeline.dir / "chunks").string(),
          "--set", "log.format=json",
          "batcher"};
}

bool wait_for_log(const std::string& path, const std::string& text, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_file(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

// Produces the first `records` availability rows of an organisation as one job.
void produce_job(kafka::Producer& producer, const std::string& org, std::uint64_t records) {
  producers::JobProducer job(producer, {org, "availability", "it-run"}, kBatch);
  std::uint64_t n = 0;
  synthetic::generate_availability({org, 5, 25, 60, "2026-11-25", 7}, [&](std::string_view row) {
    if (n++ < records) job.add_row(row);
    producer.poll();
  });
  job.finish("Overwrite");
}

TEST(BatcherProcesses, TwoProcessesTurn250kRecordsIntoVerifiedChunks) {
  MockPipeline pipeline;
  const std::string log_a = (pipeline.dir / "batcher-a.log").string();
  const std::string log_b = (pipeline.dir / "batcher-b.log").string();
  ChildProcess a(batcher_argv(pipeline), log_a);
  ChildProcess b(batcher_argv(pipeline), log_b);
  ASSERT_TRUE(wait_for_log(log_a, "partition assigned", std::chrono::seconds(60))) << read_file(log_a);
  ASSERT_TRUE(wait_for_log(log_b, "partition assigned", std::chrono::seconds(60))) << read_file(log_b);

  {
    // zstd keeps each partition's share far below the mock broker's 5 MB window.
    auto properties = pipeline.properties();
    properties.emplace_back("compression.type", "zstd");
    kafka::Producer producer(properties);
    produce_job(producer, "acme", 150'000);
    produce_job(producer, "northbank", 100'000);
    producer.flush(std::chrono::seconds(60));
  }

  const auto seen = read_manifests(
      pipeline.properties(), [](const ManifestsSeen& s) { return s.batches.size() >= 3 && s.jobs.size() >= 2; },
      std::chrono::seconds(180));
  EXPECT_EQ(a.stop(), 0) << read_file(log_a);
  EXPECT_EQ(b.stop(), 0) << read_file(log_b);
  ASSERT_EQ(seen.batches.size(), 3u);
  ASSERT_EQ(seen.jobs.size(), 2u);
  EXPECT_EQ(seen.jobs.at("acme/availability/it-run").records, 150'000u);
  EXPECT_EQ(seen.jobs.at("acme/availability/it-run").batches, 2u);
  EXPECT_EQ(seen.jobs.at("northbank/availability/it-run").batches, 1u);

  const std::map<std::tuple<std::string, std::uint32_t>, std::uint64_t> expected{
      {{"acme/availability/it-run", 0}, kBatch}, {{"acme/availability/it-run", 1}, 50'000},
      {{"northbank/availability/it-run", 0}, kBatch}};
  chunkstore::FileChunkStore store(pipeline.dir / "chunks");
  for (const auto& [key, records] : expected) {
    const auto& manifest = seen.batches.at(key);
    EXPECT_TRUE(manifest.complete) << manifest.reason;
    EXPECT_EQ(manifest.meta.records, records);
    EXPECT_EQ(manifest.meta.rejected, 0u);
    const chunkstore::ChunkId id{manifest.job.org, manifest.job.dataset, manifest.job.run, manifest.batch};
    EXPECT_NO_THROW(store.verify(id, manifest.meta));
    std::string compressed;
    auto reader = store.open(id);
    char buffer[1 << 16];
    while (std::size_t n = reader->read(buffer, sizeof buffer)) compressed.append(buffer, n);
    const std::string csv = inflate_raw(compressed);
    EXPECT_EQ(csv.size(), manifest.meta.uncompressed_bytes);
    EXPECT_EQ(crc32(0, reinterpret_cast<const Bytef*>(csv.data()), static_cast<uInt>(csv.size())), manifest.meta.crc32);
    EXPECT_EQ(static_cast<std::uint64_t>(std::count(csv.begin(), csv.end(), '\n')), records);
  }
}

// Batchers come and go while a night is produced: a third joins mid-run, one leaves. Every batch must still be
// written exactly once with exact counts (a revoked partition's open batches are rebuilt by the new owner).
TEST(BatcherProcesses, ThirdJoinsAndOneLeavesMidRunCountsStayExact) {
  MockPipeline pipeline;
  const auto log_of = [&](const char* name) { return (pipeline.dir / name).string(); };
  auto a = std::make_unique<ChildProcess>(batcher_argv(pipeline), log_of("a.log"));
  ChildProcess b(batcher_argv(pipeline), log_of("b.log"));
  ASSERT_TRUE(wait_for_log(log_of("a.log"), "partition assigned", std::chrono::seconds(60)));
  ASSERT_TRUE(wait_for_log(log_of("b.log"), "partition assigned", std::chrono::seconds(60)));

  auto properties = pipeline.properties();
  properties.emplace_back("compression.type", "zstd");
  kafka::Producer producer(properties);
  const std::vector<std::pair<std::string, std::uint64_t>> jobs{{"org-1", 60'000}, {"org-2", 45'000}, {"org-3", 30'000}};
  auto produce = [&](const std::string& org, std::uint64_t records) {
    producers::JobProducer job(producer, {org, "availability", "rebalance"}, 20'000);
    std::uint64_t n = 0;
    synthetic::generate_availability({org, 5, 25, 60, "2026-11-25", 11}, [&](std::string_view row) {
      if (n++ < records) job.add_row(row);
      producer.poll();
    });
    job.finish("Overwrite");
    producer.flush(std::chrono::seconds(60));
  };
  produce(jobs[0].first, jobs[0].second);
  ChildProcess c(batcher_argv(pipeline), log_of("c.log"));
  produce(jobs[1].first, jobs[1].second);
  ASSERT_TRUE(wait_for_log(log_of("c.log"), "partition assigned", std::chrono::seconds(60))) << read_file(log_of("c.log"));
  EXPECT_EQ(a->stop(), 0) << read_file(log_of("a.log"));
  a.reset();
  produce(jobs[2].first, jobs[2].second);

  const auto seen = read_manifests(
      pipeline.properties(), [](const ManifestsSeen& s) { return s.batches.size() >= 3 + 3 + 2 && s.jobs.size() >= 3; },
      std::chrono::seconds(180));
  EXPECT_EQ(b.stop(), 0);
  EXPECT_EQ(c.stop(), 0);
  ASSERT_EQ(seen.jobs.size(), 3u);
  ASSERT_EQ(seen.batches.size(), 8u);
  chunkstore::FileChunkStore store(pipeline.dir / "chunks");
  for (const auto& [org, records] : jobs) {
    const std::string id = org + "/availability/rebalance";
    std::uint64_t rows = 0;
    for (std::uint32_t batch = 0; batch < seen.jobs.at(id).batches; ++batch) {
      const auto& manifest = seen.batches.at({id, batch});
      EXPECT_TRUE(manifest.complete) << manifest.reason;
      EXPECT_NO_THROW(store.verify(schema::chunk_id(manifest.job, batch), manifest.meta));
      rows += manifest.meta.records;
    }
    EXPECT_EQ(rows, records) << id;
    EXPECT_EQ(seen.jobs.at(id).records, records);
  }
}

}  // namespace
}  // namespace insights::testing
