#pragma once
#include <chrono>

namespace insights {

// Turns SIGINT/SIGTERM into a flag that long-running loops poll. Construct it in main() before any thread starts so
// every thread inherits the blocked mask and only this object consumes the signals.
class StopSignal {
 public:
  StopSignal();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // True once a stop signal arrived; waits at most `wait` for one.
  bool stop_requested(std::chrono::milliseconds wait = std::chrono::milliseconds{0});
  // Blocks until a stop signal arrives.
  void wait();

 private:
  bool stopped_ = false;
};

}  // namespace insights
