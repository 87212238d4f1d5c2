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

}  // namespace
}  // namespace insights::testing
