#include "shared/kafka/group_offsets.h"

#include <fmt/format.h>

#include <memory>
#include <thread>

#include "shared/kafka/kafka_log.h"
#include "shared/util/error.h"

namespace insights::kafka {
namespace {

struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* m) const { rd_kafka_metadata_destroy(m); }
};

// The end offset of every partition of `topics`, or null with `problem` set when the cluster cannot tell yet.
rd_kafka_topic_partition_list_t* end_offsets(rd_kafka_t* rk, const std::vector<std::string>& topics, int ms,
                                             std::string& problem) {
  const rd_kafka_metadata_t* raw = nullptr;
  if (auto err = rd_kafka_metadata(rk, 1, nullptr, &raw, ms); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    problem = fmt::format("Kafka metadata request failed: {}", rd_kafka_err2str(err));
    return nullptr;
  }
  std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> metadata(raw);
  PartitionListPtr offsets(rd_kafka_topic_partition_list_new(16));
  for (const auto& topic : topics) {
    bool found = false;
    for (int t = 0; t < metadata->topic_cnt; ++t) {
      if (topic != metadata->topics[t].topic || metadata->topics[t].partition_cnt == 0) continue;
      found = true;
      for (int p = 0; p < metadata->topics[t].partition_cnt; ++p) {
        const int32_t partition = metadata->topics[t].partitions[p].id;
        int64_t low = 0, high = 0;
        if (auto err = rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &low, &high, ms);
            err != RD_KAFKA_RESP_ERR_NO_ERROR) {
          problem = fmt::format("cannot read the end of {}[{}]: {}", topic, partition, rd_kafka_err2str(err));
          return nullptr;
        }
        rd_kafka_topic_partition_list_add(offsets.get(), topic.c_str(), partition)->offset = high;
      }
    }
    if (!found) {
      problem = fmt::format("topic {} does not exist", topic);
      return nullptr;
    }
  }
  return offsets.release();
}

bool retriable_commit_error(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
      return true;
    default:
      return false;
  }
}

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
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  PartitionListPtr offsets;
  // Freshly created topics answer "not leader" or "unknown partition" until their leaders are elected.
  for (;;) {
    std::string problem;
    offsets.reset(end_offsets(rk.get(), topics, ms, problem));
    if (offsets) break;
    if (std::chrono::steady_clock::now() > deadline) throw Error(problem);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (offsets->cnt == 0) return;
  // A new group's coordinator may still be moving or loading ("not coordinator", "loading") on a real broker.
  for (;;) {
    const auto err = rd_kafka_commit(rk.get(), offsets.get(), 0);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
    if (!retriable_commit_error(err) || std::chrono::steady_clock::now() > deadline) {
      throw Error(fmt::format("cannot commit start offsets for group {}: {}; is the Kafka broker healthy?", group_id,
                              rd_kafka_err2str(err)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace insights::kafka
