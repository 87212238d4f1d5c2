// An upload given up while Salesforce processes its header stops waiting between status polls: the worker's thread
// is free again long before the header finishes, and the next worker awaits that same header instead of uploading
// the job a second time.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "shared/salesforce/header_status.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

// Each status step (Queued -> InProgress -> terminal) takes this long: far longer than a stop takes.
constexpr std::chrono::seconds kProcessingStep{4};

class UploaderCancelProcessing : public ::testing::Test {
 protected:
  UploaderCancelProcessing() {
    auto slow = bench_.emulator_options();
    slow.processing_delay = kProcessingStep;
    bench_.emulator = std::make_unique<emulator::Server>(slow);
    client_ = std::make_unique<salesforce::Client>(
        salesforce::Credentials{bench_.emulator->base_url(), slow.client_id, slow.client_secret}, bench_.client_options());
    options_.upload.job_timeout = std::chrono::hours(2);  // the production default: a wait that would never end here
    targets_ = std::make_unique<uploader::JobTargets>(*client_, nullptr, options_.upload);
    staged_ = stage_job(bench_.store, {"acme", "meetings", "cancel-run"}, 400, 200);
    publish(bench_.pipeline.properties(), staged_);
  }

  // The processed header, once the worker sent Action=Process (empty when it never did within a minute).
  std::optional<emulator::HeaderRecord> wait_for_processing() const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      for (const auto& header : bench_.emulator->headers()) {
        if (header.action == "Process") return header;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }

  std::string header_status(const std::string& id) const {
    for (const auto& header : bench_.emulator->headers()) {
      if (header.id == id) return header.status;
    }
    return "missing";
  }

  std::size_t processed_headers() const {
    std::size_t n = 0;
    for (const auto& header : bench_.emulator->headers()) n += header.action == "Process";
    return n;
  }

  // The next worker completes the job by awaiting the same header.
  void expect_next_worker_awaits_the_same_header() {
    UploaderThread second(options_, bench_.store, *targets_);
    const auto results = second.wait_for(1, std::chrono::seconds(60));
    ASSERT_EQ(results.size(), 1u) << "the stopped worker committed past the job it gave up";
    EXPECT_TRUE(results[0].ok) << results[0].status << ": " << results[0].message;
    EXPECT_TRUE(results[0].resumed) << "the next worker did not await the processed header";
    EXPECT_EQ(processed_headers(), 1u) << "the job was uploaded twice";
    const auto dataset = bench_.emulator->dataset("meetings_acme");
    ASSERT_TRUE(dataset.has_value());
    EXPECT_EQ(dataset->rows.size(), staged_.rows);
  }

  UploaderBench bench_;
  uploader::UploaderOptions options_ = bench_.uploader_options("cancel-processing");
  std::unique_ptr<salesforce::Client> client_;
  std::unique_ptr<uploader::JobTargets> targets_;
  StagedJob staged_;
};

TEST_F(UploaderCancelProcessing, StopWhileProcessingFreesTheWorkerBeforeTheHeaderFinishes) {
  std::string header_id;
  {
    UploaderThread first(options_, bench_.store, *targets_);
    const auto processing = wait_for_processing();
    ASSERT_TRUE(processing.has_value()) << "the first worker never sent Action=Process";
    header_id = processing->id;
  }  // stops while Salesforce processes the header
  EXPECT_FALSE(salesforce::is_terminal(header_status(header_id)))
      << "the stopped worker waited for the header's outcome instead of giving the upload up";
  expect_next_worker_awaits_the_same_header();
}

TEST_F(UploaderCancelProcessing, FailingConsumerLoopCancelsUploadsInsteadOfJoiningThem) {
  std::string header_id;
  {
    uploader::Uploader worker(options_, bench_.store, *targets_);
    EXPECT_THROW(worker.run([&] {
                   if (const auto processing = bench_.emulator->headers();
                       std::any_of(processing.begin(), processing.end(), [](const auto& h) { return h.action == "Process"; })) {
                     header_id = wait_for_processing()->id;
                     throw std::runtime_error("the consumer loop failed");
                   }
                   return false;
                 }),
                 std::runtime_error);
  }  // ~Uploader with an upload still awaiting its header
  ASSERT_FALSE(header_id.empty());
  EXPECT_FALSE(salesforce::is_terminal(header_status(header_id)))
      << "~Uploader joined an upload that was never cancelled";
  expect_next_worker_awaits_the_same_header();
}

}  // namespace
}  // namespace insights::testing
