#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shared/kafka/fetch_waker.h"
#include "shared/kafka/kafka_conf.h"
#include "shared/kafka/message.h"

namespace insights::kafka {

// Told about partition changes from inside Consumer::poll(); may call Consumer::commit() for revoked partitions.
class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  virtual void on_assigned(const std::vector<TopicPartition>& partitions) = 0;
  virtual void on_revoked(const std::vector<TopicPartition>& partitions) = 0;
};

// A group consumer with cooperative-sticky assignment, no automatic commits and no automatic offset store: the
// application commits exactly the offsets its durability rules allow.
class Consumer {
 public:
  // With `lookahead`, poll() also takes the message after the one it returns, without waiting, and prefetches its
  // payload, so a caller that spends a microsecond per message finds the next one in cache.
  Consumer(const Properties& properties, const std::string& group_id, const std::vector<std::string>& topics,
           RebalanceListener* listener, bool lookahead = false);
  ~Consumer();
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // A message, or nullopt after `timeout`. Partition EOF is not a message. Other errors come back as messages
  // with error() set, for the caller to log.
  std::optional<Message> poll(std::chrono::milliseconds timeout);
  // Synchronous commit of the next offsets to read; throws insights::Error with the broker's reason.
  void commit(const std::vector<TopicPartition>& offsets);
  std::vector<TopicPartition> assignment() const;
  void pause(const std::vector<TopicPartition>& partitions);
  void resume(const std::vector<TopicPartition>& partitions);
  // Messages behind the end of each assigned partition, from librdkafka's cached positions and watermarks (no
  // broker round trip); partitions not yet fetched are left out.
  std::vector<TopicPartition> lag() const;
  // True when a broker answers a metadata request within `timeout`; safe to call from any thread.
  bool reachable(std::chrono::milliseconds timeout) const;
  // Leaves the group (revoking partitions through the listener first).
  void close();

 private:
  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                           void* opaque);
  std::optional<Message> next_message(std::chrono::milliseconds timeout);
  bool revoked_since_taken(const Message& message) const;
  RebalanceListener* listener_;
  bool lookahead_;
  HandlePtr handle_;
  bool closed_ = false;
  // Declared after handle_: a message must be destroyed before the handle it came from.
  std::optional<Message> ahead_;                   // taken ahead, returned by the next poll()
  std::vector<TopicPartition> revoked_in_poll_;    // revoked while taking ahead
  std::optional<FetchWaker> waker_;                // after handle_: stops before the handle is destroyed
};

std::vector<TopicPartition> to_vector(const rd_kafka_topic_partition_list_t* list);

}  // namespace insights::kafka
