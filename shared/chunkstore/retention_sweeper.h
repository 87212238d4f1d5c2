#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "shared/chunkstore/retention.h"

namespace insights::chunkstore {

// Runs expire_completed_jobs every `interval` on a thread of its own (the first sweep right away), so a long-running
// uploader keeps the store trimmed without a cron job. The store must be safe to share between threads (both are).
class RetentionSweeper {
 public:
  using ReportSink = std::function<void(const ExpiryReport&)>;
  using ErrorSink = std::function<void(const std::string&)>;

  RetentionSweeper(ChunkStore& store, std::chrono::milliseconds retention, std::chrono::milliseconds interval,
                   ReportSink on_report, ErrorSink on_error);
  ~RetentionSweeper();  // stops and joins; a sweep in progress finishes its current job first
  RetentionSweeper(const RetentionSweeper&) = delete;
  RetentionSweeper& operator=(const RetentionSweeper&) = delete;

 private:
  void loop();

  ChunkStore& store_;
  std::chrono::milliseconds retention_;
  std::chrono::milliseconds interval_;
  ReportSink on_report_;
  ErrorSink on_error_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace insights::chunkstore
