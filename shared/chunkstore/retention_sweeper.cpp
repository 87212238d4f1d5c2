#include "shared/chunkstore/retention_sweeper.h"

#include "shared/util/error.h"

namespace insights::chunkstore {

RetentionSweeper::RetentionSweeper(ChunkStore& store, std::chrono::milliseconds retention,
                                   std::chrono::milliseconds interval, ReportSink on_report, ErrorSink on_error)
    : store_(store),
      retention_(retention),
      interval_(interval),
      on_report_(std::move(on_report)),
      on_error_(std::move(on_error)) {
  if (interval_.count() <= 0) throw Error("chunk store: the retention sweep interval must be positive");
  thread_ = std::thread([this] { loop(); });
}

RetentionSweeper::~RetentionSweeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RetentionSweeper::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    // A failed sweep (store unreachable) is reported and tried again next period; it must not end the worker.
    try {
      on_report_(expire_completed_jobs(store_, Clock::now(), retention_, false));
    } catch (const std::exception& e) {
      on_error_(e.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace insights::chunkstore
