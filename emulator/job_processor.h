#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "emulator/dataset_store.h"
#include "emulator/job_queue.h"
#include "emulator/sobject_store.h"

namespace insights::emulator {

struct ProcessingOptions {
  std::chrono::milliseconds step_delay{20};
  bool first_member_only = false;
  std::size_t max_jobs_per_day = 50;
  std::uint64_t max_upload_bytes = 40'000'000'000;
  std::uint64_t max_bytes_per_day = 50'000'000'000;
  // StatusMessage of an injected processing failure for a dataset alias, if one is in force.
  std::function<std::optional<std::string>(std::string_view alias)> injected_failure;
};

// Runs submitted jobs one at a time on its own thread: Queued -> InProgress -> terminal, each step after
// `step_delay`, then loads the data and applies the operation to the dataset store.
class JobProcessor {
 public:
  JobProcessor(JobQueue& queue, SobjectStore& headers, DatasetStore& datasets, ProcessingOptions options);
  ~JobProcessor();  // closes the queue and joins the thread
  JobProcessor(const JobProcessor&) = delete;
  JobProcessor& operator=(const JobProcessor&) = delete;

 private:
  void run();
  void process(const std::string& header_id);

  JobQueue& queue_;
  SobjectStore& headers_;
  DatasetStore& datasets_;
  ProcessingOptions options_;
  std::thread thread_;
};

}  // namespace insights::emulator
