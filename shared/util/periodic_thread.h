#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace insights {

// Runs `task` every `period` on a thread of its own until destroyed; the destructor wakes the thread and waits for
// a run in progress. Declare it after everything the task uses, so it stops before they are destroyed.
class PeriodicThread {
 public:
  enum class First { now, after_a_period };

  PeriodicThread(std::chrono::milliseconds period, First first, std::function<void()> task);
  ~PeriodicThread();
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

 private:
  void loop(First first);

  std::chrono::milliseconds period_;
  std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything it reads is constructed
};

}  // namespace insights
