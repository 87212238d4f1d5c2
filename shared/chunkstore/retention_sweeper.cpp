#include "shared/chunkstore/retention_sweeper.h"

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

std::chrono::milliseconds positive(std::chrono::milliseconds interval) {
  if (interval.count() <= 0) throw Error("chunk store: the retention sweep interval must be positive");
  return interval;
}

}  // namespace

RetentionSweeper::RetentionSweeper(ChunkStore& store, std::chrono::milliseconds retention,
                                   std::chrono::milliseconds interval, ReportSink on_report, ErrorSink on_error)
    : store_(store),
      retention_(retention),
      on_report_(std::move(on_report)),
      on_error_(std::move(on_error)),
      thread_(positive(interval), PeriodicThread::First::now, [this] { sweep(); }) {}

void RetentionSweeper::sweep() {
  // A failed sweep (store unreachable) is reported and tried again next period; it must not end the worker.
  try {
    on_report_(expire_completed_jobs(store_, Clock::now(), retention_, false));
  } catch (const std::exception& e) {
    on_error_(e.what());
  }
}

}  // namespace insights::chunkstore
