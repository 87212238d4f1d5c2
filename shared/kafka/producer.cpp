#include "shared/kafka/producer.h"

#include <fmt/format.h>

#include "shared/kafka/kafka_log.h"
#include "shared/util/error.h"

namespace insights::kafka {

Producer::Producer(const Properties& properties) {
  Properties all{{"enable.idempotence", "true"}, {"acks", "all"}, {"linger.ms", "20"},
                 {"batch.size", "1000000"}, {"compression.type", "lz4"}};
  const Properties own = for_producer(properties);
  all.insert(all.end(), own.begin(), own.end());
  ConfPtr conf = make_conf(all);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &Producer::on_delivery);
  rd_kafka_conf_set_opaque(conf.get(), this);
  route_logs(conf.get());
  handle_ = make_handle(RD_KAFKA_PRODUCER, std::move(conf));
}

Producer::~Producer() {
  if (handle_) rd_kafka_flush(handle_.get(), 10'000);
}

void Producer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++self->delivered_;
    return;
  }
  ++self->failed_;
  if (self->first_error_.empty()) {
    self->first_error_ = fmt::format("delivery to {} failed: {}", rd_kafka_topic_name(message->rkt), rd_kafka_err2str(message->err));
  }
}

rd_kafka_topic_t* Producer::topic_handle(std::string_view topic) {
  for (const auto& [name, handle] : topics_) {
    if (name == topic) return handle.get();
  }
  std::string name(topic);
  TopicPtr handle(rd_kafka_topic_new(handle_.get(), name.c_str(), nullptr));
  if (!handle) throw Error(fmt::format("cannot open Kafka topic {}: {}", topic, rd_kafka_err2str(rd_kafka_last_error())));
  return topics_.emplace_back(std::move(name), std::move(handle)).second.get();
}

void Producer::produce(std::string_view topic, std::string_view key, std::string_view payload,
                       std::span<const Header> headers) {
  rd_kafka_topic_t* const rkt = topic_handle(topic);
  for (;;) {
    rd_kafka_headers_t* hdrs = nullptr;
    if (!headers.empty()) {
      hdrs = rd_kafka_headers_new(headers.size());
      for (const auto& h : headers) {
        rd_kafka_header_add(hdrs, h.name.data(), static_cast<ssize_t>(h.name.size()), h.value.data(),
                            static_cast<ssize_t>(h.value.size()));
      }
    }
    rd_kafka_resp_err_t err = rd_kafka_producev(
        handle_.get(), RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(const_cast<char*>(key.data()), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()), RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;  // headers are owned by the message now
    if (hdrs) rd_kafka_headers_destroy(hdrs);
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      throw Error(fmt::format("cannot produce to {}: {}", topic, rd_kafka_err2str(err)));
    }
    rd_kafka_poll(handle_.get(), 50);  // let deliveries drain the queue
  }
}

void Producer::poll() { rd_kafka_poll(handle_.get(), 0); }

void Producer::flush(std::chrono::milliseconds timeout) {
  rd_kafka_resp_err_t err = rd_kafka_flush(handle_.get(), static_cast<int>(timeout.count()));
  char fatal[512];
  if (rd_kafka_fatal_error(handle_.get(), fatal, sizeof fatal) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("Kafka producer failed fatally: {}; re-run the producer with the same run id", fatal));
  }
  if (!first_error_.empty()) {
    throw Error(fmt::format("{} ({} messages failed); re-run the producer with the same run id", first_error_, failed_));
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("{} messages not delivered after {} ms: is the Kafka broker reachable?",
                            rd_kafka_outq_len(handle_.get()), timeout.count()));
  }
}

}  // namespace insights::kafka
