// Uploads run off the consumer thread: an upload longer than max.poll.interval.ms keeps the worker in its group and
// uploads the job once; a worker stopped mid-upload gives the job up before Process and leaves it for the next one.
#include <gtest/gtest.h>

#include "emulator/fault_spec.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

const std::string kParts = "/services/data/v62.0/sobjects/InsightsExternalDataPart";

// Holds the first part `delay` before the emulator answers it.
emulator::FaultSpec slow_first_part(std::chrono::milliseconds delay) {
  emulator::FaultSpec fault;
  fault.kind = emulator::FaultKind::Delay;
  fault.method = "POST";
  fault.path_prefix = kParts;
  fault.count = 1;
  fault.delay = delay;
  return fault;
}

class UploaderLongUpload : public ::testing::Test {
 protected:
  UploaderLongUpload() {
    const auto options = bench_.emulator_options();
    client_ = std::make_unique<salesforce::Client>(
        salesforce::Credentials{bench_.emulator->base_url(), options.client_id, options.client_secret},
        bench_.client_options());
    targets_ = std::make_unique<uploader::JobTargets>(*client_, nullptr, options_.upload);
    staged_ = stage_job(bench_.store, {"acme", "meetings", "long-run"}, 600, 250);
    publish(bench_.pipeline.properties(), staged_);
  }

  std::size_t processed_headers() const {
    std::size_t n = 0;
    for (const auto& header : bench_.emulator->headers()) n += header.action == "Process";
    return n;
  }

  UploaderBench bench_;
  uploader::UploaderOptions options_ = bench_.uploader_options("long-upload");
  std::unique_ptr<salesforce::Client> client_;
  std::unique_ptr<uploader::JobTargets> targets_;
  StagedJob staged_;
};

TEST_F(UploaderLongUpload, UploadLongerThanMaxPollIntervalKeepsMembershipAndUploadsOnce) {
  // librdkafka wants max.poll.interval.ms >= session.timeout.ms (6 s in the bench); the upload takes 10 s.
  options_.kafka.emplace_back("max.poll.interval.ms", "7000");
  bench_.emulator->faults().add(slow_first_part(std::chrono::seconds(10)));
  UploaderThread worker(options_, bench_.store, *targets_);
  auto results = worker.wait_for(1, std::chrono::seconds(90));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].ok) << results[0].status << ": " << results[0].message;
  EXPECT_FALSE(results[0].resumed) << "the job was taken up a second time after the group evicted the worker";
  // Past another poll interval: an evicted worker would rejoin, re-read the uncommitted job and report it again.
  results = worker.wait_for(2, std::chrono::seconds(9));
  EXPECT_EQ(results.size(), 1u);
  EXPECT_EQ(worker.stats().revocations, 0u) << "the worker lost its partitions during the upload";
  EXPECT_EQ(processed_headers(), 1u);
  const auto dataset = bench_.emulator->dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), staged_.rows);
}

TEST_F(UploaderLongUpload, StopDuringAnUploadGivesTheJobUpBeforeProcessAndTheNextWorkerUploadsIt) {
  bench_.emulator->faults().add(slow_first_part(std::chrono::seconds(3)));
  {
    UploaderThread first(options_, bench_.store, *targets_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (bench_.emulator->headers().empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(bench_.emulator->headers().size(), 1u) << "the first worker never started the upload";
  }  // stops while the first part is held
  EXPECT_EQ(processed_headers(), 0u) << "a worker stopped mid-upload went on to Process";
  EXPECT_FALSE(bench_.emulator->dataset("meetings_acme").has_value());

  UploaderThread second(options_, bench_.store, *targets_);
  const auto results = second.wait_for(1, std::chrono::seconds(60));
  ASSERT_EQ(results.size(), 1u) << "the stopped worker committed past the job it gave up";
  EXPECT_TRUE(results[0].ok) << results[0].status << ": " << results[0].message;
  EXPECT_EQ(processed_headers(), 1u);
  const auto dataset = bench_.emulator->dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), staged_.rows);
}

}  // namespace
}  // namespace insights::testing
