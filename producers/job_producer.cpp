#include "producers/job_producer.h"

#include <fmt/format.h>

#include "producers/progress.h"
#include "shared/log/log.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"

namespace insights::producers {
namespace {

kafka::Header kind_header(schema::Kind kind) { return {schema::schema().kind_header, schema::to_string(kind)}; }

schema::JobKey validated(schema::JobKey job) {
  schema::validate_job(job);
  return job;
}

}  // namespace

JobProducer::JobProducer(kafka::Producer& producer, schema::JobKey job, std::uint64_t batch_records)
    : producer_(producer),
      job_(validated(std::move(job))),
      batch_records_(batch_records),
      key_(job_.batch_key(batch_)),
      envelope_(job_, batch_) {
  if (batch_records_ == 0) throw Error("producer.batch_records must be at least 1");
  topic_ = schema::schema().dataset(job_.dataset).topic;
}

void JobProducer::add_row(std::string_view row_json) {
  envelope_.encode(payload_, seq_, row_json);
  const kafka::Header headers[] = {kind_header(schema::Kind::Record)};
  producer_.produce(topic_, key_, payload_, headers);
  ++records_;
  if (++seq_ == batch_records_) end_batch();
}

void JobProducer::end_batch() {
  const kafka::Header headers[] = {kind_header(schema::Kind::BatchEnd)};
  producer_.produce(topic_, key_, schema::encode_batch_end(job_, batch_, seq_), headers);
  ++batch_;
  seq_ = 0;
  key_ = job_.batch_key(batch_);
  envelope_ = BatchEnvelope(job_, batch_);
}

JobTotals JobProducer::finish(std::string_view operation) {
  if (!schema::valid_operation(operation)) {
    throw Error(fmt::format("operation '{}' is not Overwrite, Upsert or Append", operation));
  }
  if (seq_ > 0) end_batch();
  const kafka::Header headers[] = {kind_header(schema::Kind::RunEnd)};
  producer_.produce(topic_, job_.id(), schema::encode_run_end(job_, batch_, records_, operation), headers);
  return {batch_, records_};
}

ProducedJob produce_job(kafka::Producer& producer, const JobSpec& spec, const RowFeed& feed) {
  JobProducer out(producer, spec.job, spec.batch_records);
  Progress progress(spec.job.dataset + " " + spec.job.org, spec.expected_rows, spec.terminal);
  // Delivery reports only update counters; serving them every row would take librdkafka's queue lock per row.
  constexpr std::uint64_t kPollEvery = 1024;
  std::uint64_t rows = 0;
  feed([&](std::string_view row) {
    out.add_row(row);
    if (++rows % kPollEvery == 0) producer.poll();
    progress.add();
  });
  progress.finish();
  const auto totals = out.finish(spec.operation);
  log::info("job produced", {log::field("job", spec.job.id()), log::field("records", totals.records),
                             log::field("batches", totals.batches), log::field("operation", spec.operation)});
  return {spec.job, totals};
}

}  // namespace insights::producers
