#pragma once
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/kafka/kafka_conf.h"
#include "shared/kafka/message.h"

namespace insights::kafka {

// An idempotent producer (enable.idempotence=true, acks=all): retries inside librdkafka never duplicate or reorder.
// Delivery failures are remembered and reported by flush(), so no record is lost silently.
class Producer {
 public:
  explicit Producer(const Properties& properties);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Copies key, payload and headers; waits while librdkafka's queue is full. Call poll() now and then (every
  // thousand messages is enough) so delivery reports are counted while producing.
  void produce(std::string_view topic, std::string_view key, std::string_view payload,
               std::span<const Header> headers = {});
  // Serves delivery reports without waiting.
  void poll();
  // Waits until every produced message is delivered; throws insights::Error naming the first delivery failure or
  // how many messages are still undelivered after `timeout`.
  void flush(std::chrono::milliseconds timeout);

  std::uint64_t delivered() const { return delivered_; }
  std::uint64_t failed() const { return failed_; }

 private:
  struct TopicDeleter {
    void operator()(rd_kafka_topic_t* topic) const { rd_kafka_topic_destroy(topic); }
  };
  using TopicPtr = std::unique_ptr<rd_kafka_topic_t, TopicDeleter>;

  static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);
  // The topic's handle, created on first use: naming the topic per message would look it up (and copy its name)
  // every time.
  rd_kafka_topic_t* topic_handle(std::string_view topic);
  HandlePtr handle_;
  std::vector<std::pair<std::string, TopicPtr>> topics_;  // destroyed before handle_, as librdkafka requires
  std::uint64_t delivered_ = 0;
  std::uint64_t failed_ = 0;
  std::string first_error_;
};

}  // namespace insights::kafka
