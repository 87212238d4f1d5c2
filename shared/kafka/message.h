#pragma once
#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace insights::kafka {

struct TopicPartition {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = RD_KAFKA_OFFSET_INVALID;
  friend bool operator==(const TopicPartition&, const TopicPartition&) = default;
};

struct Header {
  std::string_view name;
  std::string_view value;
};

// One consumed message; owns the librdkafka message until destroyed.
class Message {
 public:
  explicit Message(rd_kafka_message_t* message) : message_(message) {}

  rd_kafka_resp_err_t error() const { return message_->err; }
  std::string error_text() const;
  std::string_view topic() const;
  std::int32_t partition() const { return message_->partition; }
  std::int64_t offset() const { return message_->offset; }
  std::string_view key() const;
  std::string_view payload() const;
  // The last value of a header, or empty when absent.
  std::string_view header(const char* name) const;

 private:
  struct Deleter {
    void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
  };
  std::unique_ptr<rd_kafka_message_t, Deleter> message_;
};

}  // namespace insights::kafka
