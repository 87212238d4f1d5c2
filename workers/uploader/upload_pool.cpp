#include "workers/uploader/upload_pool.h"

#include <exception>

namespace insights::uploader {

UploadPool::UploadPool(int threads) {
  const int count = threads < 1 ? 1 : threads;
  threads_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { work(); });
}

UploadPool::~UploadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    tasks_.clear();  // never started: nothing of them reached Salesforce
  }
  task_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void UploadPool::submit(std::uint64_t ticket, Task task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.emplace_back(ticket, std::move(task));
  }
  ++outstanding_;
  task_ready_.notify_one();
}

std::vector<std::pair<std::uint64_t, UploadOutcome>> UploadPool::collect(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (finished_.empty() && timeout.count() > 0) {
    finished_ready_.wait_for(lock, timeout, [this] { return !finished_.empty(); });
  }
  std::vector<std::pair<std::uint64_t, UploadOutcome>> taken;
  taken.swap(finished_);
  outstanding_ -= taken.size();
  return taken;
}

void UploadPool::work() {
  for (;;) {
    std::pair<std::uint64_t, Task> task;
    {
      std::unique_lock lock(mutex_);
      task_ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    UploadOutcome outcome;
    try {
      outcome = task.second();
    } catch (const std::exception& e) {  // the task classifies what it knows; anything else must not end the process
      outcome.kind = UploadOutcome::Kind::Permanent;
      outcome.error = e.what();
    }
    {
      std::lock_guard lock(mutex_);
      finished_.emplace_back(task.first, std::move(outcome));
    }
    finished_ready_.notify_all();
  }
}

}  // namespace insights::uploader
