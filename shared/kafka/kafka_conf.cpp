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
