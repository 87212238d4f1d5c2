#include "producers/schedule_loop.h"

#include <algorithm>

#include "shared/log/log.h"
#include "shared/util/error.h"

namespace insights::producers {
namespace {

double epoch_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

// The loop's series. The last-run ones appear with the first run, so a fresh loop never claims a failed run.
class LoopMetrics {
 public:
  LoopMetrics(metrics::Registry* registry, std::string dataset) : r_(registry), dataset_(std::move(dataset)) {
    if (r_ == nullptr) return;
    for (const char* outcome : {"completed", "failed"}) runs(outcome);
  }
  void next_run(std::chrono::system_clock::time_point at) {
    if (r_) r_->gauge("insights_producer_next_run_timestamp_seconds", "When the scheduled producer runs next (Unix time)", labels()).set(epoch_seconds(at));
  }
  void finished(bool ok, std::chrono::system_clock::time_point at, double seconds) {
    if (r_ == nullptr) return;
    r_->gauge("insights_producer_last_run_timestamp_seconds", "When the scheduled producer's last run ended (Unix time)", labels()).set(epoch_seconds(at));
    r_->gauge("insights_producer_last_run_success", "1 when the scheduled producer's last run succeeded, else 0", labels()).set(ok ? 1 : 0);
    r_->gauge("insights_producer_last_run_duration_seconds", "How long the scheduled producer's last run took", labels()).set(seconds);
    runs(ok ? "completed" : "failed").add();
  }

 private:
  metrics::Labels labels() const { return {{"dataset", dataset_}}; }
  metrics::Counter& runs(const char* outcome) {
    return r_->counter("insights_producer_runs_total", "Scheduled producer runs, by outcome", {{"dataset", dataset_}, {"outcome", outcome}});
  }
  metrics::Registry* r_;
  std::string dataset_;
};

// Runs once; true on success. Anything a run throws is reported, never ends the loop.
bool run_guarded(const std::function<void()>& run_once, const std::string& dataset) {
  try {
    run_once();
    return true;
  } catch (const std::exception& e) {
    log::error("scheduled run failed", {log::field("dataset", dataset), log::field("error", e.what())});
    return false;
  }
}

}  // namespace

void run_schedule(const ScheduleSettings& settings, const ScheduleClock& clock, const std::function<void()>& run_once,
                  metrics::Registry* registry) {
  LoopMetrics m(registry, settings.dataset);
  auto due = next_run(clock.now(), settings.at);
  for (;;) {
    m.next_run(due);
    log::info("next scheduled run", {log::field("dataset", settings.dataset), log::field("at", utc_iso8601(due))});
    if (clock.wait_until(due)) break;
    const auto started = clock.now();
    log::info("scheduled run started", {log::field("dataset", settings.dataset), log::field("slot", utc_iso8601(due))});
    const bool ok = run_guarded(run_once, settings.dataset);
    const auto finished = clock.now();
    m.finished(ok, finished, std::chrono::duration<double>(finished - started).count());
    // Counted from the slot at the earliest, so a run that ends before its slot's instant never runs it twice.
    const auto after = std::max(finished, due);
    due = ok ? next_run(after, settings.at) : retry_run(after, settings.retry_delay, settings.at);
    if (finished - started > std::chrono::hours(24)) {
      log::warn("scheduled run took longer than a day; the slots it overran were skipped",
                {log::field("dataset", settings.dataset), log::field("started", utc_iso8601(started)),
                 log::field("finished", utc_iso8601(finished))});
    }
  }
  log::info("schedule stopped", {log::field("dataset", settings.dataset)});
}

}  // namespace insights::producers
