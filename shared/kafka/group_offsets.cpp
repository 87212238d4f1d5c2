#include "shared/kafka/group_offsets.h"

#include <fmt/format.h>

#include <memory>

#include "shared/kafka/kafka_log.h"
#include "shared/util/error.h"

namespace insights::kafka {
namespace {

struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* m) const { rd_kafka_metadata_destroy(m); }
};
struct ListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};

}  // namespace

void start_group_at_end(const Properties& properties, const std::string& group_id, const std::vector<std::string>& topics,
                        std::chrono::milliseconds timeout) {
  Properties all = properties;
  all.emplace_back("group.id", group_id);
  all.emplace_back("enable.auto.commit", "false");
  ConfPtr conf = make_conf(all);
  route_logs(conf.get());
  HandlePtr rk = make_handle(RD_KAFKA_CONSUMER, std::move(conf));
  const int ms = static_cast<int>(timeout.count());
  const rd_kafka_metadata_t* raw = nullptr;
  if (auto err = rd_kafka_metadata(rk.get(), 1, nullptr, &raw, ms); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("Kafka metadata request failed: {}", rd_kafka_err2str(err)));
  }
  std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
  std::unique_ptr<rd_kafka_topic_partition_list_t, ListDeleter> offsets(rd_kafka_topic_partition_list_new(16));
  for (const auto& topic : topics) {
    for (int t = 0; t < metadata->topic_cnt; ++t) {
      if (topic != metadata->topics[t].topic) continue;
      for (int p = 0; p < metadata->topics[t].partition_cnt; ++p) {
        const int32_t partition = metadata->topics[t].partitions[p].id;
        int64_t low = 0, high = 0;
        if (auto err = rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), partition, &low, &high, ms);
            err != RD_KAFKA_RESP_ERR_NO_ERROR) {
          throw Error(fmt::format("cannot read the end of {}[{}]: {}", topic, partition, rd_kafka_err2str(err)));
        }
        rd_kafka_topic_partition_list_add(offsets.get(), topic.c_str(), partition)->offset = high;
      }
    }
  }
  if (offsets->cnt == 0) return;
  if (auto err = rd_kafka_commit(rk.get(), offsets.get(), 0); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw Error(fmt::format("cannot commit start offsets for group {}: {}", group_id, rd_kafka_err2str(err)));
  }
}

}  // namespace insights::kafka
