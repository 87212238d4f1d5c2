#include "shared/kafka/topic_admin.h"

#include <fmt/format.h>

#include <memory>

#include "shared/kafka/kafka_log.h"
#include "shared/util/error.h"

namespace insights::kafka {
namespace {

struct NewTopicDeleter {
  void operator()(rd_kafka_NewTopic_t* t) const { rd_kafka_NewTopic_destroy(t); }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};
struct OptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* o) const { rd_kafka_AdminOptions_destroy(o); }
};

struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* m) const { rd_kafka_metadata_destroy(m); }
};

// Topics of `wanted` that the cluster does not list; throws when the cluster does not answer.
std::vector<TopicSpec> missing_topics(rd_kafka_t* rk, const std::vector<TopicSpec>& wanted, std::chrono::milliseconds timeout) {
  const rd_kafka_metadata_t* raw = nullptr;
  if (auto err = rd_kafka_metadata(rk, 1, nullptr, &raw, static_cast<int>(timeout.count())); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("Kafka did not answer within {} ms ({}): is the broker at the configured bootstrap address "
                            "(kafka.bootstrap_servers) running?", timeout.count(), rd_kafka_err2str(err)));
  }
  std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
  std::vector<TopicSpec> missing;
  for (const auto& topic : wanted) {
    bool found = false;
    for (int i = 0; i < metadata->topic_cnt && !found; ++i) {
      found = topic.name == metadata->topics[i].topic && metadata->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR;
    }
    if (!found) missing.push_back(topic);
  }
  return missing;
}

}  // namespace

void ensure_topics(const Properties& properties, const std::vector<TopicSpec>& wanted, std::chrono::milliseconds timeout) {
  ConfPtr conf = make_conf(for_producer(properties));
  route_logs(conf.get());
  HandlePtr rk = make_handle(RD_KAFKA_PRODUCER, std::move(conf));
  // Existing topics need no admin request (the embedded broker has no controller to answer one).
  const auto topics = missing_topics(rk.get(), wanted, timeout);
  if (topics.empty()) return;
  char errstr[512];
  std::vector<std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter>> owned;
  std::vector<rd_kafka_NewTopic_t*> raw;
  for (const auto& topic : topics) {
    rd_kafka_NewTopic_t* t = rd_kafka_NewTopic_new(topic.name.c_str(), topic.partitions, -1, errstr, sizeof errstr);
    if (t == nullptr) throw Error(fmt::format("topic {}: {}", topic.name, errstr));
    owned.emplace_back(t);
    raw.push_back(t);
  }
  std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(rk.get()));
  std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter> options(
      rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
  rd_kafka_AdminOptions_set_request_timeout(options.get(), static_cast<int>(timeout.count()), errstr, sizeof errstr);
  rd_kafka_CreateTopics(rk.get(), raw.data(), raw.size(), options.get(), queue.get());
  std::unique_ptr<rd_kafka_event_t, EventDeleter> event(
      rd_kafka_queue_poll(queue.get(), static_cast<int>(timeout.count()) + 2000));
  if (!event) {
    throw Error(fmt::format("Kafka did not answer a topic creation within {} ms: is the broker at the configured "
                            "bootstrap address running?", timeout.count()));
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("creating Kafka topics failed: {} (is the broker reachable?)", rd_kafka_event_error_string(event.get())));
  }
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      const char* msg = rd_kafka_topic_result_error_string(results[i]);
      throw Error(fmt::format("creating Kafka topic {} failed: {}", rd_kafka_topic_result_name(results[i]),
                              msg ? msg : rd_kafka_err2str(err)));
    }
  }
}

}  // namespace insights::kafka
