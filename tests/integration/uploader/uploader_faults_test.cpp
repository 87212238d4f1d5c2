// One test per fault class the External Data API can throw at the uploader: the job either completes with the right
// rows or lands in insights.batches.dlq.v1 with the reason. Faults come from the emulator's injector.
#include <gtest/gtest.h>

#include "emulator/fault_spec.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

using emulator::FaultKind;
using emulator::FaultSpec;

const std::string kParts = "/services/data/v62.0/sobjects/InsightsExternalDataPart";
const std::string kHeaders = "/services/data/v62.0/sobjects/InsightsExternalData";

// A fault on POSTs to `path`, applying to `count` requests (0: until cleared).
FaultSpec post_fault(FaultKind kind, const std::string& path, std::uint64_t count) {
  FaultSpec spec;
  spec.kind = kind;
  spec.method = "POST";
  spec.path_prefix = path;
  spec.count = count;
  return spec;
}

FaultSpec status_fault(int status, const std::string& path, std::uint64_t count) {
  FaultSpec spec = post_fault(FaultKind::Status, path, count);
  spec.status = status;
  return spec;
}

class UploaderFaults : public ::testing::Test {
 protected:
  std::unique_ptr<salesforce::Client> make_client() {
    const auto options = bench_.emulator_options();
    return std::make_unique<salesforce::Client>(
        salesforce::Credentials{bench_.emulator->base_url(), options.client_id, options.client_secret},
        bench_.client_options());
  }

  // Stages and publishes one job, runs an uploader until its result, and returns it.
  uploader::JobResult upload(const std::string& org, std::uint64_t rows = 600) {
    staged_ = stage_job(bench_.store, {org, "meetings", "fault-run"}, rows, 250);
    publish(bench_.pipeline.properties(), staged_);
    client_ = make_client();
    targets_ = std::make_unique<uploader::JobTargets>(*client_, nullptr, options_.upload);
    UploaderThread worker(options_, bench_.store, *targets_);
    auto results = worker.wait_for(1);
    EXPECT_EQ(results.size(), 1u);
    stats_ = worker.stats();
    return results.empty() ? uploader::JobResult{} : results[0];
  }

  void expect_completed(const uploader::JobResult& r, const std::string& alias) {
    EXPECT_TRUE(r.ok) << r.status << ": " << r.message;
    EXPECT_EQ(r.status, "Completed");
    const auto dataset = bench_.emulator->dataset(alias);
    ASSERT_TRUE(dataset.has_value());
    EXPECT_EQ(dataset->rows.size(), staged_.rows);
    EXPECT_EQ(bench_.emulator->headers().size(), 1u);
  }

  std::string expect_dead_letter() {
    auto dlq = read_batches_dlq(bench_.pipeline.properties(), 1, std::chrono::seconds(20));
    EXPECT_EQ(dlq.size(), 1u);
    return dlq.empty() ? std::string() : dlq[0];
  }

  UploaderBench bench_;
  uploader::UploaderOptions options_ = bench_.uploader_options("faults");
  StagedJob staged_;
  std::unique_ptr<salesforce::Client> client_;
  std::unique_ptr<uploader::JobTargets> targets_;
  uploader::UploaderStats stats_;
};

TEST_F(UploaderFaults, ServiceUnavailableOnPartsIsRetried) {
  bench_.emulator->faults().add(status_fault(503, kParts, 3));
  expect_completed(upload("acme"), "meetings_acme");
  EXPECT_GE(client_->retries(), 3);
}

TEST_F(UploaderFaults, InternalErrorOnHeaderCreateIsRetried) {
  bench_.emulator->faults().add(status_fault(500, kHeaders, 1));
  expect_completed(upload("acme"), "meetings_acme");
}

TEST_F(UploaderFaults, TooManyRequestsWaitsForRetryAfter) {
  auto fault = status_fault(429, kParts, 1);
  fault.retry_after = 1;
  bench_.emulator->faults().add(fault);
  expect_completed(upload("acme"), "meetings_acme");
  EXPECT_GE(client_->retries(), 1);
}

TEST_F(UploaderFaults, RequestLimitExceededIsRetried) {
  auto fault = status_fault(403, kParts, 2);
  fault.error_code = "REQUEST_LIMIT_EXCEEDED";
  bench_.emulator->faults().add(fault);
  expect_completed(upload("acme"), "meetings_acme");
}

TEST_F(UploaderFaults, SlowResponsesStillComplete) {
  auto fault = post_fault(FaultKind::Delay, kParts, 3);
  fault.delay = std::chrono::milliseconds(300);
  bench_.emulator->faults().add(fault);
  expect_completed(upload("acme"), "meetings_acme");
}

TEST_F(UploaderFaults, DroppedConnectionOnAPartIsRetriedWithoutDuplicate) {
  bench_.emulator->faults().add(post_fault(FaultKind::Drop, kParts, 2));
  const auto r = upload("acme");
  expect_completed(r, "meetings_acme");
  EXPECT_EQ(bench_.emulator->headers()[0].parts, r.parts);
}

TEST_F(UploaderFaults, TokenExpiryInTheMiddleOfTheParts) {
  // Token, find header, create header's look-up and insert, then a few parts: the session dies mid-upload.
  FaultSpec fault;
  fault.kind = FaultKind::ExpireTokensAfter;
  fault.calls = 6;
  bench_.emulator->faults().add(fault);
  const auto r = upload("acme", 1500);
  expect_completed(r, "meetings_acme");
  EXPECT_GT(r.parts, 6);
  EXPECT_GE(client_->token_fetches(), 2);
}

TEST_F(UploaderFaults, ProcessingFailureGoesToTheDeadLetterQueueWithStatusMessage) {
  FaultSpec fault;
  fault.kind = FaultKind::FailProcessing;
  fault.alias = "meetings_acme";
  fault.message = "dataflow broke";
  bench_.emulator->faults().add(fault);
  const auto r = upload("acme");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.status, "Failed");
  const auto entry = expect_dead_letter();
  EXPECT_EQ(json_string(entry, "status"), "Failed");
  EXPECT_NE(json_string(entry, "error").find("dataflow broke"), std::string::npos) << entry;
  EXPECT_EQ(json_int(entry, "attempts"), 1);
}

TEST_F(UploaderFaults, CompletedWithWarningsGoesToTheDeadLetterQueueWithStatusMessage) {
  // A row with too few columns: Salesforce drops it and completes with warnings.
  staged_ = stage_job(bench_.store, {"acme", "meetings", "warn-run"}, 300, 250, "Overwrite", "only,three,columns\n");
  publish(bench_.pipeline.properties(), staged_);
  client_ = make_client();
  targets_ = std::make_unique<uploader::JobTargets>(*client_, nullptr, options_.upload);
  std::vector<uploader::JobResult> results;
  {
    UploaderThread worker(options_, bench_.store, *targets_);
    results = worker.wait_for(1);
  }
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].ok);
  EXPECT_EQ(results[0].status, "CompletedWithWarnings") << results[0].message;
  EXPECT_FALSE(results[0].message.empty());
  const auto entry = expect_dead_letter();
  EXPECT_EQ(json_string(entry, "status"), "CompletedWithWarnings");
  EXPECT_NE(json_string(entry, "error").find(results[0].message), std::string::npos) << entry;
}

TEST_F(UploaderFaults, PermanentErrorGoesToTheDeadLetterQueueAtOnceWithSalesforcesMessage) {
  auto fault = status_fault(400, kHeaders, 5);
  fault.error_code = "FIELD_INTEGRITY_EXCEPTION";
  fault.message = "EdgemartContainer: unknown app";
  bench_.emulator->faults().add(fault);
  const auto r = upload("acme");
  EXPECT_FALSE(r.ok);
  const auto entry = expect_dead_letter();
  EXPECT_NE(json_string(entry, "error").find("FIELD_INTEGRITY_EXCEPTION"), std::string::npos) << entry;
  EXPECT_NE(json_string(entry, "error").find("EdgemartContainer: unknown app"), std::string::npos) << entry;
  EXPECT_EQ(json_int(entry, "attempts"), 1);
  EXPECT_EQ(stats_.job_retries, 0u);
}

TEST_F(UploaderFaults, TransientFailureOutlastingEveryAttemptGoesToTheDeadLetterQueue) {
  bench_.emulator->faults().add(status_fault(503, kHeaders, 0));
  const auto r = upload("acme");
  EXPECT_FALSE(r.ok);
  const auto entry = expect_dead_letter();
  EXPECT_NE(json_string(entry, "error").find("503"), std::string::npos) << entry;
  EXPECT_EQ(json_int(entry, "attempts"), options_.job_retry.max_attempts);
  EXPECT_EQ(stats_.job_retries, static_cast<std::uint64_t>(options_.job_retry.max_attempts - 1));
}

TEST_F(UploaderFaults, ParallelPartsWithOneFailingPartRetried) {
  options_.upload.parallel_parts = 4;
  const auto since = bench_.emulator->requests().empty() ? 0 : bench_.emulator->requests().back().sequence;
  bench_.emulator->faults().add(status_fault(503, kParts, 1));
  const auto r = upload("acme", 1500);
  expect_completed(r, "meetings_acme");
  std::map<std::int64_t, int> stored;  // PartNumber -> successful inserts
  int refused = 0;
  for (const auto& request : bench_.emulator->requests(since)) {
    if (request.method != "POST" || request.path != kParts) continue;
    if (request.status == 503) ++refused;
    if (request.status == 201) ++stored[json_int(request.body_json, "PartNumber")];
  }
  EXPECT_EQ(refused, 1);
  ASSERT_EQ(static_cast<int>(stored.size()), r.parts);
  int expected = 1;
  for (const auto& [number, count] : stored) {
    EXPECT_EQ(number, expected++);
    EXPECT_EQ(count, 1) << "part " << number;
  }
}

}  // namespace
}  // namespace insights::testing
