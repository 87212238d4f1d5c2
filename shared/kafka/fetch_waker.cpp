#include "shared/kafka/fetch_waker.h"

#include <algorithm>

#include "shared/kafka/kafka_conf.h"
#include "shared/log/log.h"

namespace insights::kafka {

FetchWaker::FetchWaker(rd_kafka_t* handle, std::chrono::milliseconds period)
    : handle_(handle), period_(period), thread_(period, PeriodicThread::First::after_a_period, [this] { tick(); }) {}

void FetchWaker::tick() {
  const std::uint64_t now = taken_.load(std::memory_order_relaxed);
  if (now == seen_) return;  // idle, or busy elsewhere: a full queue then waits for nothing
  seen_ = now;
  wake_brokers();
}

void FetchWaker::wake_brokers() {
  rd_kafka_topic_partition_list_t* raw = nullptr;
  if (rd_kafka_assignment(handle_, &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
  const PartitionListPtr list(raw);
  if (list->cnt == 0) return;
  for (int i = 0; i < list->cnt; ++i) list->elems[i].offset = RD_KAFKA_OFFSET_END;  // "latest" as a timestamp
  const auto timeout = static_cast<int>(std::max(period_, std::chrono::milliseconds(1000)).count());
  // Its answer is not needed; a failure only means this wake-up came from the second instead.
  if (const auto err = rd_kafka_offsets_for_times(handle_, list.get(), timeout); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    log::debug("fetch wake-up request failed", {log::field("error", rd_kafka_err2str(err))});
  }
}

}  // namespace insights::kafka
