#pragma once
#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace insights::kafka {

using Properties = std::vector<std::pair<std::string, std::string>>;

// Parses "k=v,k=v" (the kafka.extra setting) into properties; throws insights::Error on a pair without '='.
Properties parse_properties(std::string_view text);

// The properties without those only consumers know, which producers would warn about.
Properties for_producer(const Properties& properties);

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

// Builds a librdkafka configuration; throws insights::Error naming the property librdkafka refused.
ConfPtr make_conf(const Properties& properties);

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using HandlePtr = std::unique_ptr<rd_kafka_t, HandleDeleter>;

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

// Creates a client handle; takes ownership of conf.
HandlePtr make_handle(rd_kafka_type_t type, ConfPtr conf);

}  // namespace insights::kafka
