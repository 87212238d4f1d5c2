#include "workers/replay/topic_reader.h"

#include <fmt/format.h>

#include <map>
#include <memory>

#include "shared/util/error.h"

namespace insights::replay {
namespace {

struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* m) const { rd_kafka_metadata_destroy(m); }
};
struct ListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};

// End offset of each partition that holds messages.
std::map<std::int32_t, std::int64_t> partition_ends(rd_kafka_t* rk, const std::string& topic, int ms) {
  const rd_kafka_metadata_t* raw = nullptr;
  if (auto err = rd_kafka_metadata(rk, 1, nullptr, &raw, ms); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("Kafka did not answer ({}): is kafka.bootstrap_servers right and the broker up?", rd_kafka_err2str(err)));
  }
  std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
  std::map<std::int32_t, std::int64_t> ends;
  for (int t = 0; t < metadata->topic_cnt; ++t) {
    if (topic != metadata->topics[t].topic) continue;
    for (int p = 0; p < metadata->topics[t].partition_cnt; ++p) {
      const std::int32_t partition = metadata->topics[t].partitions[p].id;
      int64_t low = 0, high = 0;
      if (auto err = rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &low, &high, ms); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw Error(fmt::format("cannot read the offsets of {}[{}]: {}", topic, partition, rd_kafka_err2str(err)));
      }
      if (high > low) ends[partition] = high;
    }
  }
  return ends;
}

}  // namespace

void read_whole_topic(const kafka::Properties& properties, const std::string& topic,
                      const std::function<void(const kafka::Message&)>& visit, std::chrono::milliseconds timeout) {
  kafka::Properties all = properties;
  all.emplace_back("group.id", "insights-replay-reader");  // required by the client; never joined nor committed
  all.emplace_back("enable.auto.commit", "false");
  all.emplace_back("enable.partition.eof", "true");
  kafka::HandlePtr rk = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(all));
  const int ms = static_cast<int>(timeout.count());
  auto ends = partition_ends(rk.get(), topic, ms);
  if (ends.empty()) return;
  std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter> assignment(rd_kafka_topic_partition_list_new(static_cast<int>(ends.size())));
  for (const auto& [partition, end] : ends) {
    rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), partition)->offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(rk.get(), assignment.get());
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!ends.empty()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw Error(fmt::format("reading {} did not finish within {} ms", topic, timeout.count()));
    }
    rd_kafka_message_t* raw = rd_kafka_consumer_poll(rk.get(), 200);
    if (raw == nullptr) continue;
    kafka::Message message(raw);
    if (message.error() == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      ends.erase(message.partition());
      continue;
    }
    if (message.error() != RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw Error(fmt::format("reading {} failed: {}", topic, message.error_text()));
    }
    auto it = ends.find(message.partition());
    if (it == ends.end()) continue;
    if (message.offset() < it->second) visit(message);
    if (message.offset() + 1 >= it->second) ends.erase(it);
  }
  rd_kafka_assign(rk.get(), nullptr);
}

}  // namespace insights::replay
