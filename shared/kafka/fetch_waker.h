#pragma once
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <cstdint>

#include "shared/util/periodic_thread.h"

namespace insights::kafka {

// librdkafka 2.0.2 stops fetching a partition once the consumer's prefetch queue is full, and its broker thread looks
// again only when something wakes it, at the latest after a hard-coded second (2.2.0 made that
// fetch.queue.backoff.ms). A consumer draining a backlog empties a full queue in tens of milliseconds and then idles
// for the rest of that second: a batcher ran at 85,000 meeting records/s instead of a million. Any request to a broker
// wakes its thread, so while the application keeps taking messages, this asks the leaders of the assigned partitions
// for their latest offsets every `period` (one small ListOffsets request per leader, on a thread of its own), and the
// broker threads refill the queue as it drains.
class FetchWaker {
 public:
  FetchWaker(rd_kafka_t* handle, std::chrono::milliseconds period);  // destroy it before the handle is closed

  // The application took a message. Called by one thread only; a relaxed store, no read-modify-write.
  void taken() { taken_.store(taken_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }

 private:
  void tick();
  void wake_brokers();

  rd_kafka_t* handle_;
  std::chrono::milliseconds period_;
  std::atomic<std::uint64_t> taken_{0};
  std::uint64_t seen_ = 0;  // taken_ at the last tick; the thread's own
  PeriodicThread thread_;   // last: stops before the rest is destroyed
};

}  // namespace insights::kafka
