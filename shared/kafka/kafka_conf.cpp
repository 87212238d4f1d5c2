#include "shared/kafka/kafka_conf.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::kafka {

Properties parse_properties(std::string_view text) {
  Properties properties;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view pair = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      throw Error(fmt::format("Kafka property '{}' is not of the form name=value", pair));
    }
    properties.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
  }
  return properties;
}

Properties for_producer(const Properties& properties) {
  static constexpr std::string_view kConsumerOnly[] = {
      "session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms", "auto.offset.reset", "enable.auto.commit",
      "auto.commit.interval.ms", "enable.auto.offset.store", "enable.partition.eof", "isolation.level",
      "partition.assignment.strategy", "group.id", "group.instance.id", "fetch.wait.max.ms", "fetch.min.bytes",
      "fetch.max.bytes", "fetch.message.max.bytes", "fetch.error.backoff.ms", "queued.min.messages",
      "queued.max.messages.kbytes", "check.crcs"};
  Properties out;
  for (const auto& property : properties) {
    bool consumer_only = false;
    for (auto name : kConsumerOnly) consumer_only = consumer_only || property.first == name;
    if (!consumer_only) out.push_back(property);
  }
  return out;
}

ConfPtr make_conf(const Properties& properties) {
  ConfPtr conf(rd_kafka_conf_new());
  char errstr[512];
  for (const auto& [name, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), name.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      throw Error(fmt::format("Kafka property {}={} refused: {}", name, value, errstr));
    }
  }
  return conf;
}

HandlePtr make_handle(rd_kafka_type_t type, ConfPtr conf) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), errstr, sizeof errstr);
  if (rk == nullptr) throw Error(fmt::format("cannot create Kafka client: {}", errstr));
  conf.release();  // rd_kafka_new owns it now
  return HandlePtr(rk);
}

}  // namespace insights::kafka
