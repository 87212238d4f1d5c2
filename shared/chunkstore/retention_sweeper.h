#pragma once
#include <chrono>
#include <functional>

#include "shared/chunkstore/retention.h"
#include "shared/util/periodic_thread.h"

namespace insights::chunkstore {

// Runs expire_completed_jobs every `interval` on a thread of its own (the first sweep right away), so a long-running
// uploader keeps the store trimmed without a cron job. The store must be safe to share between threads (both are).
class RetentionSweeper {
 public:
  using ReportSink = std::function<void(const ExpiryReport&)>;
  using ErrorSink = std::function<void(const std::string&)>;

  RetentionSweeper(ChunkStore& store, std::chrono::milliseconds retention, std::chrono::milliseconds interval,
                   ReportSink on_report, ErrorSink on_error);
  // Destruction stops the thread; a sweep in progress finishes its current job first.

 private:
  void sweep();

  ChunkStore& store_;
  std::chrono::milliseconds retention_;
  ReportSink on_report_;
  ErrorSink on_error_;
  PeriodicThread thread_;  // last: stops before the rest is destroyed
};

}  // namespace insights::chunkstore
