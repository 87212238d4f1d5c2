#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "producers/schedule.h"
#include "shared/metrics/registry.h"

namespace insights::producers {

// Time as the loop sees it; injectable so tests run days in microseconds.
struct ScheduleClock {
  std::function<std::chrono::system_clock::time_point()> now;
  // Waits until `until` or a stop request; true when asked to stop.
  std::function<bool(std::chrono::system_clock::time_point until)> wait_until;
};

struct ScheduleSettings {
  DailyTime at;
  std::chrono::milliseconds retry_delay{std::chrono::hours(1)};  // 0: a failed run waits for the next slot
  std::string dataset;                                           // label of the loop's metrics
};

// Runs `run_once` at every daily slot until a stop request, one run at a time. A run that throws is logged and
// tried again after the retry delay (or at the next slot, whichever comes first); a run longer than a day skips
// the slots it overran instead of starting late runs back to back. Publishes the next run time and each run's
// outcome as gauges and counters in `registry` (may be null).
void run_schedule(const ScheduleSettings& settings, const ScheduleClock& clock, const std::function<void()>& run_once,
                  metrics::Registry* registry);

}  // namespace insights::producers
