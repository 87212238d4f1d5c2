#include "emulator/job_queue.h"

namespace insights::emulator {

void JobQueue::push(std::string header_id) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(header_id));
  }
  changed_.notify_all();
}

std::optional<std::string> JobQueue::pop() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return closed_ || !jobs_.empty(); });
  if (closed_) return std::nullopt;
  auto id = std::move(jobs_.front());
  jobs_.pop_front();
  return id;
}

bool JobQueue::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, duration, [this] { return closed_; });
}

void JobQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

}  // namespace insights::emulator
