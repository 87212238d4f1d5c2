#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace insights::uploader {

// Uploads parts on a fixed number of threads. At most `parallelism` parts are held at once (queued or in flight),
// so memory stays within parallelism × part size. The first failure stops the rest: later submits and finish()
// rethrow it, and queued parts are dropped.
class ParallelPartUploader {
 public:
  using Upload = std::function<void(int part_number, std::string_view bytes)>;

  ParallelPartUploader(int parallelism, Upload upload);
  ~ParallelPartUploader();  // waits for parts in flight; never throws
  ParallelPartUploader(const ParallelPartUploader&) = delete;
  ParallelPartUploader& operator=(const ParallelPartUploader&) = delete;

  // Copies the part into one of at most `parallelism` reused buffers; blocks while they are all held.
  void submit(int part_number, std::string_view bytes);
  // Waits until every submitted part is uploaded.
  void finish();

 private:
  struct Part {
    int number = 0;
    std::string bytes;
  };
  void work();
  void rethrow_failure_locked();

  Upload upload_;
  const std::size_t parallelism_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable space_ready_;
  std::deque<Part> queue_;
  std::vector<std::string> spare_;  // buffers of finished parts, reused so large parts are not reallocated
  std::size_t held_ = 0;  // queued + in flight
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;
};

}  // namespace insights::uploader
