#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "producers/batch_envelope.h"
#include "shared/kafka/producer.h"
#include "shared/schema/job.h"

namespace insights::producers {

struct JobTotals {
  std::uint64_t batches = 0;
  std::uint64_t records = 0;
};

// Produces one job's rows as numbered batches: every record of a batch under the batch's key (so the batch lands in
// one partition, in order), a batch_end after each batch and a run_end after the last. Deterministic: the same rows
// in the same order give the same batch numbers, sequence numbers and keys.
class JobProducer {
 public:
  JobProducer(kafka::Producer& producer, schema::JobKey job, std::uint64_t batch_records);

  void add_row(std::string_view row_json);
  // Ends the last batch and sends run_end; returns the job's totals. Does not flush.
  JobTotals finish(std::string_view operation);

 private:
  void end_batch();
  kafka::Producer& producer_;
  schema::JobKey job_;
  std::string topic_;
  std::uint64_t batch_records_;
  std::uint32_t batch_ = 0;
  std::uint64_t seq_ = 0;
  std::uint64_t records_ = 0;
  std::string key_;
  BatchEnvelope envelope_;
  std::string payload_;
};

struct ProducedJob {
  schema::JobKey job;
  JobTotals totals;
};

// Feeds one job's rows to a row sink, once per row.
using RowFeed = std::function<void(const std::function<void(std::string_view row_json)>& sink)>;

struct JobSpec {
  schema::JobKey job;
  std::string operation;
  std::uint64_t batch_records = 100'000;
  std::uint64_t expected_rows = 0;  // for progress; 0 when unknown
  bool terminal = false;
};

// Produces the rows `feed` yields as one job (batches, batch_end, run_end), showing progress. Does not flush.
ProducedJob produce_job(kafka::Producer& producer, const JobSpec& spec, const RowFeed& feed);

}  // namespace insights::producers
