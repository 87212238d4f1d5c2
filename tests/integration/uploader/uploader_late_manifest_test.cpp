// A batch manifest re-published after its job finished (batcher restart, re-produced run) must not start a job that
// waits forever and pins its partition's committed offset: the uploader remembers finished jobs, and after a
// restart asks Salesforce whether the job was loaded already.
#include <gtest/gtest.h>

#include <librdkafka/rdkafka.h>

#include <map>
#include <fmt/format.h>

#include <thread>

#include "emulator/fault_spec.h"
#include "shared/kafka/producer.h"
#include "shared/schema/schema.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/replay/job_replay.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

struct ListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};

// True when `group` has committed the end of every partition of the batches topic (nothing left pinned).
bool committed_everything(const kafka::Properties& properties, const std::string& group, std::string& detail) {
  auto conf_properties = properties;
  conf_properties.emplace_back("group.id", group);
  auto handle = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(conf_properties));
  const std::string topic = schema::schema().topics.batches;
  std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter> list(rd_kafka_topic_partition_list_new(8));
  std::map<int, std::int64_t> ends;
  for (int p = 0; p < 4; ++p) {
    std::int64_t low = 0, high = 0;
    if (rd_kafka_query_watermark_offsets(handle.get(), topic.c_str(), p, &low, &high, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR) break;
    ends[p] = high;
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p);
  }
  if (ends.empty() || rd_kafka_committed(handle.get(), list.get(), 5000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    detail = "cannot read offsets";
    return false;
  }
  detail.clear();
  bool all = true;
  for (int i = 0; i < list->cnt; ++i) {
    const auto& tp = list->elems[i];
    const std::int64_t committed = tp.offset < 0 ? 0 : tp.offset;
    detail += fmt::format("p{} committed {} end {}; ", tp.partition, committed, ends[tp.partition]);
    if (committed < ends[tp.partition]) all = false;
  }
  return all;
}

void expect_committed_everything(const kafka::Properties& properties, const std::string& group) {
  std::string detail;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!committed_everything(properties, group, detail) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  EXPECT_TRUE(committed_everything(properties, group, detail)) << "a late manifest pins its partition: " << detail;
}

void publish_one(const kafka::Properties& properties, const schema::BatchManifest& manifest) {
  kafka::Producer producer(properties);
  producer.produce(schema::schema().topics.batches, manifest.job.id(), schema::encode_manifest(manifest));
  producer.flush(std::chrono::seconds(30));
}

// A job whose processing the emulator fails for good, staged and published: the worker dead-letters it.
StagedJob publish_job_that_fails(ClientBench& late, const std::string& run) {
  emulator::FaultSpec fault;
  fault.kind = emulator::FaultKind::FailProcessing;
  fault.alias = "meetings_acme";
  fault.message = "dataflow broke";
  late.bench.emulator->faults().add(fault);
  auto staged = stage_job(late.bench.store, {"acme", "meetings", run}, 600, 250);
  publish(late.bench.pipeline.properties(), staged);
  return staged;
}

TEST(UploaderLateManifest, LateBatchManifestOfAJobThisWorkerFinishedIsSkippedAndCommitted) {
  ClientBench late;
  auto options = late.bench.uploader_options("late-memory");
  const auto staged = stage_job(late.bench.store, {"acme", "meetings", "late-run"}, 600, 250);
  publish(late.bench.pipeline.properties(), staged);
  UploaderThread worker(options, late.bench.store, late.targets);
  ASSERT_EQ(worker.wait_for(1).size(), 1u);

  publish_one(late.bench.pipeline.properties(), staged.batches[1]);  // the batcher re-reads batch 1
  expect_committed_everything(late.bench.pipeline.properties(), "late-memory");
  EXPECT_EQ(late.bench.emulator->headers().size(), 1u);
  EXPECT_EQ(worker.stats().jobs_completed, 1u);
}

TEST(UploaderLateManifest, ReProducedRunOfALoadedJobWhoseBatchesCameFirstIsReleased) {
  ClientBench late;
  auto options = late.bench.uploader_options("late-reproduced");
  options.waiting_report_after = std::chrono::seconds(1);
  const auto staged = stage_job(late.bench.store, {"acme", "meetings", "late-reproduced-run"}, 600, 250);
  publish(late.bench.pipeline.properties(), staged);
  UploaderThread worker(options, late.bench.store, late.targets);
  ASSERT_EQ(worker.wait_for(1).size(), 1u);

  // Re-produced: the batch manifests (skipped, the job is finished) come before the re-sent run_end.
  publish(late.bench.pipeline.properties(), staged);
  expect_committed_everything(late.bench.pipeline.properties(), "late-reproduced");
  EXPECT_EQ(late.bench.emulator->headers().size(), 1u);
}

TEST(UploaderLateManifest, AfterARestartALoneLateManifestOfALoadedJobIsReleased) {
  ClientBench late;
  auto options = late.bench.uploader_options("late-restart");
  options.waiting_report_after = std::chrono::seconds(1);
  const auto staged = stage_job(late.bench.store, {"acme", "meetings", "late-restart-run"}, 600, 250);
  publish(late.bench.pipeline.properties(), staged);
  {
    UploaderThread worker(options, late.bench.store, late.targets);
    ASSERT_EQ(worker.wait_for(1).size(), 1u);
  }
  UploaderThread restarted(options, late.bench.store, late.targets);
  publish_one(late.bench.pipeline.properties(), staged.batches[0]);
  expect_committed_everything(late.bench.pipeline.properties(), "late-restart");
  EXPECT_EQ(late.bench.emulator->headers().size(), 1u) << "the late manifest must not upload anything";
}

TEST(UploaderLateManifest, LoneManifestOfAJobNeverLoadedKeepsWaitingAndPinned) {
  ClientBench late;
  auto options = late.bench.uploader_options("late-unknown");
  options.waiting_report_after = std::chrono::seconds(1);
  const auto staged = stage_job(late.bench.store, {"acme", "meetings", "late-unknown-run"}, 600, 250);
  UploaderThread worker(options, late.bench.store, late.targets);
  publish_one(late.bench.pipeline.properties(), staged.batches[0]);
  std::this_thread::sleep_for(std::chrono::seconds(8));  // several report periods and gauge ticks
  std::string detail;
  EXPECT_FALSE(committed_everything(late.bench.pipeline.properties(), "late-unknown", detail))
      << "run_end may still come: the manifest must stay pinned; " << detail;
  EXPECT_TRUE(late.bench.emulator->headers().empty());
}

TEST(UploaderLateManifest, DeadLetteredJobRePublishedByARestartedBatcherIsReleasedAndStaysDeadLettered) {
  ClientBench late;
  auto options = late.bench.uploader_options("late-dlq-republished");
  options.waiting_report_after = std::chrono::seconds(1);
  const auto staged = publish_job_that_fails(late, "late-dlq-run");
  UploaderThread worker(options, late.bench.store, late.targets);
  ASSERT_EQ(worker.wait_for(1).size(), 1u);
  ASSERT_EQ(read_batches_dlq(late.bench.pipeline.properties(), 1, std::chrono::seconds(20)).size(), 1u);

  // Killed after publishing, before committing: the batcher publishes the batch manifests and run_end again.
  publish(late.bench.pipeline.properties(), staged);
  expect_committed_everything(late.bench.pipeline.properties(), "late-dlq-republished");
  EXPECT_EQ(late.bench.emulator->headers().size(), 1u) << "the dead-lettered job must not be uploaded again";
  const auto dataset = late.bench.emulator->dataset("meetings_acme");
  EXPECT_TRUE(!dataset || dataset->row_count == 0) << "nothing may be loaded";
  EXPECT_EQ(worker.wait_for(2, std::chrono::seconds(1)).size(), 1u);
  EXPECT_EQ(worker.stats().jobs_failed, 1u) << "the job must not be dead-lettered a second time";
}

TEST(UploaderLateManifest, ReplayOfAJobThisWorkerDeadLetteredIsUploaded) {
  ClientBench late;
  auto options = late.bench.uploader_options("late-replay");
  const auto staged = publish_job_that_fails(late, "late-replay-run");
  UploaderThread worker(options, late.bench.store, late.targets);
  ASSERT_EQ(worker.wait_for(1).size(), 1u);
  ASSERT_EQ(read_batches_dlq(late.bench.pipeline.properties(), 1, std::chrono::seconds(20)).size(), 1u);

  const auto letters = replay::read_dead_letters(late.bench.pipeline.properties(), false);
  {
    kafka::Producer producer(late.bench.pipeline.properties());
    replay::republish(producer, letters.jobs.at("acme/meetings/late-replay-run"), "2026-11-25T08:00:00Z");
  }
  const auto results = worker.wait_for(2);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1].status, "Completed") << results[1].message;
  expect_committed_everything(late.bench.pipeline.properties(), "late-replay");
}

}  // namespace
}  // namespace insights::testing
