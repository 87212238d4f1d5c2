#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "workers/uploader/job_upload.h"

namespace insights::uploader {

// How one job upload ended, classified on the upload thread so the consumer thread only decides what follows.
struct UploadOutcome {
  enum class Kind {
    Done,       // Salesforce gave a terminal status (result says which)
    Quota,      // a 24-hour limit would be passed; error says which
    Transient,  // the client's own retries ran out on a transient failure
    Permanent,  // cannot succeed as it is
    Cancelled,  // stopped at a checkpoint because the job was given up
  };
  Kind kind = Kind::Permanent;
  JobResult result;
  std::string error;
  std::optional<QuotaBudget> quota;  // the 24-hour budget the upload read, whatever its outcome
};

// Runs job uploads on a fixed number of threads, so the consumer thread keeps polling (and keeps its group
// membership) however long an upload takes. Bounded: submit only while has_idle_thread(); finished uploads wait in
// collect() until the consumer thread takes them. One consumer thread calls everything but the destructor's
// internals.
class UploadPool {
 public:
  using Task = std::function<UploadOutcome()>;

  explicit UploadPool(int threads);
  ~UploadPool();  // waits for running uploads (cancel them first to be quick); never throws
  UploadPool(const UploadPool&) = delete;
  UploadPool& operator=(const UploadPool&) = delete;

  bool has_idle_thread() const { return outstanding_ < threads_.size(); }
  // Uploads submitted and not yet collected.
  std::size_t outstanding() const { return outstanding_; }
  void submit(std::uint64_t ticket, Task task);
  // Finished uploads, oldest first; waits up to `timeout` for one when none has finished yet.
  std::vector<std::pair<std::uint64_t, UploadOutcome>> collect(std::chrono::milliseconds timeout = {});

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable task_ready_;
  std::condition_variable finished_ready_;
  std::deque<std::pair<std::uint64_t, Task>> tasks_;
  std::vector<std::pair<std::uint64_t, UploadOutcome>> finished_;
  std::size_t outstanding_ = 0;  // consumer thread only
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace insights::uploader
