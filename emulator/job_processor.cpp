#include "emulator/job_processor.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::emulator {

namespace {

// Refusals that depend on the header alone; checked before any data is read.
void check_job(const JobInput& job, const ProcessingOptions& options) {
  if (job.format != "Csv") {
    throw insights::Error(fmt::format("Format {} is reserved for Salesforce; send Format=Csv", job.format));
  }
  if (job.jobs_in_window > options.max_jobs_per_day) {
    throw insights::Error(fmt::format("dataset {} already took {} jobs in the last 24 hours (limit {}); wait before "
                                      "submitting again",
                                      job.alias, job.jobs_in_window - 1, options.max_jobs_per_day));
  }
  if (job.bytes > options.max_upload_bytes) {
    throw insights::Error(fmt::format("the upload holds {} bytes, over the limit of {} bytes for one upload; split the "
                                      "data over several jobs",
                                      job.bytes, options.max_upload_bytes));
  }
  if (job.bytes_in_window > options.max_bytes_per_day) {
    throw insights::Error(fmt::format("uploads of the last 24 hours hold {} bytes with this one, over the limit of {} "
                                      "bytes; wait before submitting again",
                                      job.bytes_in_window, options.max_bytes_per_day));
  }
}

std::string warning_message(std::size_t loaded, const LoadedUpload& upload) {
  return fmt::format("{} rows loaded, {} rows rejected; first rejected: {}", loaded, upload.rejected,
                     upload.first_rejection);
}

}  // namespace

JobProcessor::JobProcessor(JobQueue& queue, SobjectStore& headers, DatasetStore& datasets, ProcessingOptions options)
    : queue_(queue), headers_(headers), datasets_(datasets), options_(options), thread_([this] { run(); }) {}

JobProcessor::~JobProcessor() {
  queue_.close();
  thread_.join();
}

void JobProcessor::run() {
  while (const auto header_id = queue_.pop()) {
    if (!queue_.pause(options_.step_delay)) return;
    process(*header_id);
  }
}

void JobProcessor::process(const std::string& header_id) {
  auto job = headers_.begin_processing(header_id);
  if (!job) return;  // aborted or deleted while queued
  if (!queue_.pause(options_.step_delay)) return;
  std::optional<LoadedUpload> upload;
  std::string failure;
  try {
    if (options_.injected_failure) {
      if (auto injected = options_.injected_failure(job->alias)) throw insights::Error(*injected);
    }
    check_job(*job, options_);
    upload = load_upload(std::move(job->parts), job->schema, options_.first_member_only);
  } catch (const std::exception& error) {
    failure = error.what();
  }
  headers_.finish_processing(header_id, [&]() -> JobOutcome {
    if (!upload) return {"Failed", failure};
    const auto loaded = upload->rows.size();
    const auto rejected = upload->rejected;
    const auto message = rejected > 0 ? warning_message(loaded, *upload) : std::string();
    try {
      datasets_.apply(job->operation, job->alias, job->container, std::move(*upload));
    } catch (const insights::Error& error) {
      return {"Failed", error.what()};
    }
    return {rejected > 0 ? "CompletedWithWarnings" : "Completed", message};
  });
}

}  // namespace insights::emulator
