#pragma once
#include <librdkafka/rdkafka.h>

namespace insights::kafka {

// Sends librdkafka's log lines and client errors to the project's structured log instead of stderr.
void route_logs(rd_kafka_conf_t* conf);

}  // namespace insights::kafka
