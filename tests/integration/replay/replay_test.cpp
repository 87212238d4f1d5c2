// Failed jobs in insights.batches.dlq.v1 are listed, checked against the chunk store and handed back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "shared/chunkstore/file_chunk_store.h"
#include "shared/kafka/producer.h"
#include "shared/schema/manifest.h"
#include "shared/schema/schema.h"
#include "tests/integration/batcher/pipeline_fixture.h"
#include "workers/batcher/open_batch.h"
#include "workers/replay/job_replay.h"

namespace insights::testing {
namespace {

const schema::JobKey kJob{"acme", "availability", "r7"};

// A committed chunk and its manifest, as the batcher would leave them.
schema::BatchManifest write_chunk(chunkstore::ChunkStore& store, std::uint32_t batch) {
  batcher::OpenBatch open(kJob, batch, 0, store.create(schema::chunk_id(kJob, batch)), 1);
  for (std::uint64_t seq = 0; seq < 3; ++seq) {
    open.first_sighting(seq);
    open.csv_buffer() += "row,value\n";
    open.row_added();
  }
  schema::BatchManifest m;
  m.job = kJob;
  m.batch = batch;
  m.expected = 3;
  m.meta = open.commit();
  m.chunk = store.name(schema::chunk_id(kJob, batch));
  return m;
}

std::string dlq_entry(const std::vector<std::string>& manifests) {
  std::string list;
  for (const auto& m : manifests) list += (list.empty() ? "" : ",") + m;
  return R"({"v":1,"job":"acme/availability/r7","org":"acme","dataset":"availability","run":"r7",)"
         R"("error":"Failed: processing failed","status":"Failed","attempts":1,"time":"2026-11-24T23:41:07Z","manifests":[)" +
         list + "]}";
}

class ReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto b0 = write_chunk(store, 0);
    const auto b1 = write_chunk(store, 1);
    manifests = {schema::encode_manifest(schema::JobManifest{kJob, 2, 6, "Overwrite", 1}), schema::encode_manifest(b0),
                 schema::encode_manifest(b1)};
    kafka::Producer producer(pipeline.properties());
    producer.produce(schema::schema().topics.batches_dlq, kJob.id(), dlq_entry(manifests));
    producer.flush(std::chrono::seconds(30));
  }
  MockPipeline pipeline;
  chunkstore::FileChunkStore store{pipeline.dir / "chunks"};
  std::vector<std::string> manifests;
};

TEST_F(ReplayTest, ListsChecksAndHandsTheJobBack) {
  auto letters = replay::read_dead_letters(pipeline.properties(), false);
  ASSERT_EQ(letters.jobs.size(), 1u);
  const auto& failed = letters.jobs.at(kJob.id());
  EXPECT_EQ(failed.error, "Failed: processing failed");
  EXPECT_EQ(failed.manifests.size(), 3u);
  const auto check = replay::check_job(failed, store);
  EXPECT_TRUE(check.replayable) << check.problem;
  EXPECT_EQ(check.rows, 6u);

  kafka::Producer producer(pipeline.properties());
  replay::republish(producer, failed, "2026-11-25T08:00:00Z");
  const auto seen = read_manifests(pipeline.properties(), [](const ManifestsSeen& s) { return s.batches.size() >= 2 && !s.jobs.empty(); },
                                   std::chrono::seconds(30));
  EXPECT_EQ(seen.batches.size(), 2u);
  EXPECT_EQ(seen.jobs.at(kJob.id()).records, 6u);
  EXPECT_TRUE(replay::read_dead_letters(pipeline.properties(), false).jobs.empty()) << "the marker answers the failure";
}

TEST_F(ReplayTest, MissingOrCorruptChunksRefuseWithAdvice) {
  const auto failed = replay::read_dead_letters(pipeline.properties(), false).jobs.at(kJob.id());
  {
    std::fstream chunk(std::filesystem::path(pipeline.dir / "chunks") / "acme/availability/r7/batch-000001.deflate",
                       std::ios::in | std::ios::out | std::ios::binary);
    ASSERT_TRUE(chunk.good());
    chunk.seekp(0);
    chunk.put('\x7f');
  }
  auto check = replay::check_job(failed, store);
  EXPECT_FALSE(check.replayable);
  EXPECT_NE(check.problem.find("SHA-256"), std::string::npos) << check.problem;
  EXPECT_NE(check.problem.find("--run-id r7"), std::string::npos) << check.problem;
  store.remove(schema::chunk_id(kJob, 0));
  check = replay::check_job(failed, store);
  EXPECT_FALSE(check.replayable);
  EXPECT_NE(check.problem.find("re-run the producer"), std::string::npos) << check.problem;
}

}  // namespace
}  // namespace insights::testing
