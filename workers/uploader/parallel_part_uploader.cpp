#include "workers/uploader/parallel_part_uploader.h"

#include <algorithm>

namespace insights::uploader {

ParallelPartUploader::ParallelPartUploader(int parallelism, Upload upload)
    : upload_(std::move(upload)), parallelism_(static_cast<std::size_t>(std::max(1, parallelism))) {
  threads_.reserve(parallelism_);
  for (std::size_t i = 0; i < parallelism_; ++i) threads_.emplace_back([this] { work(); });
}

ParallelPartUploader::~ParallelPartUploader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  work_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void ParallelPartUploader::rethrow_failure_locked() {
  if (failure_) std::rethrow_exception(failure_);
}

void ParallelPartUploader::submit(int part_number, std::string_view bytes) {
  std::unique_lock lock(mutex_);
  space_ready_.wait(lock, [&] { return held_ < parallelism_ || failure_; });
  rethrow_failure_locked();
  std::string buffer;
  if (!spare_.empty()) {
    buffer = std::move(spare_.back());
    spare_.pop_back();
  }
  buffer.assign(bytes);
  queue_.push_back({part_number, std::move(buffer)});
  ++held_;
  work_ready_.notify_one();
}

void ParallelPartUploader::finish() {
  std::unique_lock lock(mutex_);
  space_ready_.wait(lock, [&] { return held_ == 0; });
  rethrow_failure_locked();
}

void ParallelPartUploader::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;
    Part part = std::move(queue_.front());
    queue_.pop_front();
    if (!failure_) {
      lock.unlock();
      std::exception_ptr failed;
      try {
        upload_(part.number, part.bytes);
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      if (failed && !failure_) failure_ = failed;
    }
    spare_.push_back(std::move(part.bytes));
    --held_;
    space_ready_.notify_all();
  }
}

}  // namespace insights::uploader
