#include "shared/kafka/kafka_log.h"

#include "shared/log/log.h"

namespace insights::kafka {
namespace {

void on_log(const rd_kafka_t*, int level, const char* facility, const char* text) {
  if (level <= 3) {
    log::error(text, {log::field("component", "kafka"), log::field("facility", facility)});
  } else if (level <= 4) {
    log::warn(text, {log::field("component", "kafka"), log::field("facility", facility)});
  } else {
    log::debug(text, {log::field("component", "kafka"), log::field("facility", facility)});
  }
}

void on_error(rd_kafka_t*, int err, const char* reason, void*) {
  // Transport errors are retried inside librdkafka; they are worth a warning, not a stop.
  log::warn(reason, {log::field("component", "kafka"), log::field("error", rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err)))});
}

}  // namespace

void route_logs(rd_kafka_conf_t* conf) {
  rd_kafka_conf_set_log_cb(conf, &on_log);
  rd_kafka_conf_set_error_cb(conf, &on_error);
}

}  // namespace insights::kafka
