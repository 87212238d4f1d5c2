#include "shared/kafka/message.h"

namespace insights::kafka {

std::string Message::error_text() const {
  if (message_->err == RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  std::string text = rd_kafka_err2str(message_->err);
  if (message_->payload != nullptr && message_->len > 0) {
    text += ": ";
    text.append(static_cast<const char*>(message_->payload), message_->len);
  }
  return text;
}

std::string_view Message::topic() const {
  return message_->rkt ? std::string_view(rd_kafka_topic_name(message_->rkt)) : std::string_view{};
}

std::string_view Message::key() const {
  if (message_->key == nullptr) return {};
  return {static_cast<const char*>(message_->key), message_->key_len};
}

std::string_view Message::payload() const {
  if (message_->payload == nullptr) return {};
  return {static_cast<const char*>(message_->payload), message_->len};
}

std::string_view Message::header(const char* name) const {
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(message_.get(), &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  const void* value = nullptr;
  size_t size = 0;
  if (rd_kafka_header_get_last(headers, name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR || value == nullptr) return {};
  return {static_cast<const char*>(value), size};
}

}  // namespace insights::kafka
