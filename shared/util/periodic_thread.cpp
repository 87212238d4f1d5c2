#include "shared/util/periodic_thread.h"

namespace insights {

PeriodicThread::PeriodicThread(std::chrono::milliseconds period, First first, std::function<void()> task)
    : period_(period), task_(std::move(task)), thread_([this, first] { loop(first); }) {}

PeriodicThread::~PeriodicThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicThread::loop(First first) {
  std::unique_lock lock(mutex_);
  if (first == First::after_a_period && wake_.wait_for(lock, period_, [this] { return stopping_; })) return;
  while (!stopping_) {
    lock.unlock();
    task_();
    lock.lock();
    wake_.wait_for(lock, period_, [this] { return stopping_; });
  }
}

}  // namespace insights
