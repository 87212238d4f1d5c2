#include "shared/util/stop_signal.h"

#include <csignal>
#include <ctime>

namespace insights {
namespace {
sigset_t stop_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}
}  // namespace

StopSignal::StopSignal() {
  sigset_t set = stop_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopSignal::~StopSignal() {
  sigset_t set = stop_set();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

bool StopSignal::stop_requested(std::chrono::milliseconds wait) {
  if (stopped_) return true;
  sigset_t set = stop_set();
  timespec timeout{};
  timeout.tv_sec = static_cast<time_t>(wait.count() / 1000);
  timeout.tv_nsec = static_cast<long>((wait.count() % 1000) * 1'000'000);
  if (sigtimedwait(&set, nullptr, &timeout) > 0) stopped_ = true;
  return stopped_;
}

void StopSignal::wait() {
  sigset_t set = stop_set();
  int signal = 0;
  while (!stopped_) {
    if (sigwait(&set, &signal) == 0) stopped_ = true;
  }
}

}  // namespace insights
