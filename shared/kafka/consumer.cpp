#include "shared/kafka/consumer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "shared/kafka/kafka_log.h"
#include "shared/util/error.h"
#include "shared/util/prefetch.h"

namespace insights::kafka {
namespace {

PartitionListPtr to_list(const std::vector<TopicPartition>& partitions) {
  PartitionListPtr list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const auto& tp : partitions) {
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = tp.offset;
  }
  return list;
}

void check(rd_kafka_error_t* error, const char* what) {
  if (error == nullptr) return;
  std::string text = rd_kafka_error_string(error);
  rd_kafka_error_destroy(error);
  throw Error(fmt::format("Kafka {} failed: {}", what, text));
}

// How often a busy consumer wakes the broker threads: a 48 MB queue lasts about 40 ms at a million 870-byte records
// a second, so a refill starts well before it runs dry; at 50 requests a second per leader the cost is negligible.
constexpr std::chrono::milliseconds kFetchWakePeriod{20};

}  // namespace

std::vector<TopicPartition> to_vector(const rd_kafka_topic_partition_list_t* list) {
  std::vector<TopicPartition> out;
  for (int i = 0; list && i < list->cnt; ++i) {
    out.push_back({list->elems[i].topic, list->elems[i].partition, list->elems[i].offset});
  }
  return out;
}

Consumer::Consumer(const Properties& properties, const std::string& group_id, const std::vector<std::string>& topics,
                   RebalanceListener* listener, bool lookahead)
    : listener_(listener), lookahead_(lookahead) {
  Properties all{{"group.id", group_id},
                 {"enable.auto.commit", "false"},
                 {"enable.auto.offset.store", "false"},
                 {"auto.offset.reset", "earliest"},
                 {"partition.assignment.strategy", "cooperative-sticky"},
                 {"enable.partition.eof", "false"},
                 // The prefetch queue is bounded by bytes alone (48 MB keeps a batcher near 250 MB RSS): at
                 // queued.min.messages (100,000 by default) librdkafka 2.0.2 stops fetching like at a full queue,
                 // long before 48 MB of small records. FetchWaker keeps a full queue from stalling for a second.
                 {"queued.min.messages", "1000000"},
                 {"queued.max.messages.kbytes", "49152"},
                 // librdkafka keeps one fetch in flight per broker. While full partitions are left out of it, a
                 // fetch of only drained ones waits at the broker for fetch.wait.max.ms (500 by default), and the
                 // full ones, emptied meanwhile, wait with it: a backlog drained 10-30 % slower at 500 than at 10.
                 // An idle consumer pays with 100 empty fetches a second per broker.
                 {"fetch.wait.max.ms", "10"}};
  all.insert(all.end(), properties.begin(), properties.end());
  ConfPtr conf = make_conf(all);
  rd_kafka_conf_set_rebalance_cb(conf.get(), &Consumer::on_rebalance);
  rd_kafka_conf_set_opaque(conf.get(), this);
  route_logs(conf.get());
  handle_ = make_handle(RD_KAFKA_CONSUMER, std::move(conf));
  rd_kafka_poll_set_consumer(handle_.get());
  waker_.emplace(handle_.get(), kFetchWakePeriod);
  PartitionListPtr subscription(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
  for (const auto& topic : topics) rd_kafka_topic_partition_list_add(subscription.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  if (auto err = rd_kafka_subscribe(handle_.get(), subscription.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("cannot subscribe group {}: {}", group_id, rd_kafka_err2str(err)));
  }
}

Consumer::~Consumer() {
  try {
    close();
  } catch (...) {
    // Leaving the group is best effort here; the session timeout ends the membership anyway.
  }
}

void Consumer::on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                            void* opaque) {
  auto* self = static_cast<Consumer*>(opaque);
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
  const auto list = to_vector(partitions);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    if (cooperative) {
      check(rd_kafka_incremental_assign(rk, partitions), "incremental assign");
    } else {
      rd_kafka_assign(rk, partitions);
    }
    if (self->listener_) self->listener_->on_assigned(list);
    return;
  }
  if (self->lookahead_) self->revoked_in_poll_.insert(self->revoked_in_poll_.end(), list.begin(), list.end());
  if (self->listener_) self->listener_->on_revoked(list);
  if (cooperative) {
    check(rd_kafka_incremental_unassign(rk, partitions), "incremental unassign");
  } else {
    rd_kafka_assign(rk, nullptr);
  }
}

std::optional<Message> Consumer::poll(std::chrono::milliseconds timeout) {
  for (;;) {
    std::optional<Message> message = next_message(timeout);
    if (!message) return std::nullopt;
    if (waker_) waker_->taken();
    if (lookahead_) {
      revoked_in_poll_.clear();
      if (rd_kafka_message_t* raw = rd_kafka_consumer_poll(handle_.get(), 0)) {
        ahead_.emplace(raw);
        prefetch(ahead_->payload());
      }
      // That poll may have served a rebalance that took this message's partition: it is no longer ours to handle.
      if (revoked_since_taken(*message)) continue;
    }
    if (message->error() == RD_KAFKA_RESP_ERR__PARTITION_EOF) return std::nullopt;
    return message;
  }
}

std::optional<Message> Consumer::next_message(std::chrono::milliseconds timeout) {
  if (ahead_) {
    std::optional<Message> message = std::move(ahead_);
    ahead_.reset();
    return message;
  }
  rd_kafka_message_t* raw = rd_kafka_consumer_poll(handle_.get(), static_cast<int>(timeout.count()));
  if (raw == nullptr) return std::nullopt;
  return std::optional<Message>(std::in_place, raw);
}

bool Consumer::revoked_since_taken(const Message& message) const {
  if (message.error() != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
  return std::any_of(revoked_in_poll_.begin(), revoked_in_poll_.end(), [&](const TopicPartition& tp) {
    return tp.partition == message.partition() && tp.topic == message.topic();
  });
}

void Consumer::commit(const std::vector<TopicPartition>& offsets) {
  if (offsets.empty()) return;
  PartitionListPtr list = to_list(offsets);
  if (auto err = rd_kafka_commit(handle_.get(), list.get(), 0); err != RD_KAFKA_RESP_ERR_NO_ERROR &&
                                                                 err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
    throw Error(fmt::format("Kafka offset commit failed: {}", rd_kafka_err2str(err)));
  }
}

std::vector<TopicPartition> Consumer::assignment() const {
  rd_kafka_topic_partition_list_t* raw = nullptr;
  if (rd_kafka_assignment(handle_.get(), &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  PartitionListPtr list(raw);
  return to_vector(list.get());
}

std::vector<TopicPartition> Consumer::lag() const {
  rd_kafka_topic_partition_list_t* raw = nullptr;
  if (rd_kafka_assignment(handle_.get(), &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  PartitionListPtr list(raw);
  rd_kafka_position(handle_.get(), list.get());
  std::vector<TopicPartition> out;
  for (int i = 0; i < list->cnt; ++i) {
    const auto& tp = list->elems[i];
    int64_t low = 0, high = 0;
    if (tp.offset < 0 || rd_kafka_get_watermark_offsets(handle_.get(), tp.topic, tp.partition, &low, &high) !=
                             RD_KAFKA_RESP_ERR_NO_ERROR || high < 0) {
      continue;
    }
    out.push_back({tp.topic, tp.partition, std::max<int64_t>(0, high - tp.offset)});
  }
  return out;
}

bool Consumer::reachable(std::chrono::milliseconds timeout) const {
  const rd_kafka_metadata_t* metadata = nullptr;
  const auto err = rd_kafka_metadata(handle_.get(), 0, nullptr, &metadata, static_cast<int>(timeout.count()));
  if (metadata != nullptr) rd_kafka_metadata_destroy(metadata);
  return err == RD_KAFKA_RESP_ERR_NO_ERROR;
}

void Consumer::pause(const std::vector<TopicPartition>& partitions) {
  PartitionListPtr list = to_list(partitions);
  rd_kafka_pause_partitions(handle_.get(), list.get());
}

void Consumer::resume(const std::vector<TopicPartition>& partitions) {
  PartitionListPtr list = to_list(partitions);
  rd_kafka_resume_partitions(handle_.get(), list.get());
}

void Consumer::close() {
  if (closed_ || !handle_) return;
  closed_ = true;
  ahead_.reset();  // never handed out, so never processed: the next owner reads it
  waker_.reset();
  rd_kafka_consumer_close(handle_.get());
}

}  // namespace insights::kafka
