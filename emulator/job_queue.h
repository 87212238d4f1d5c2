#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace insights::emulator {

// Header ids waiting for processing, handed from the request threads to the processing thread.
// Closing it wakes every waiter, which is how the server shuts processing down.
class JobQueue {
 public:
  void push(std::string header_id);
  // Blocks until a job arrives; nullopt once the queue is closed.
  std::optional<std::string> pop();
  // Sleeps for `duration` unless the queue is closed first; false when closed.
  bool pause(std::chrono::milliseconds duration);
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> jobs_;
  bool closed_ = false;
};

}  // namespace insights::emulator
