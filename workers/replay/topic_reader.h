#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "shared/kafka/kafka_conf.h"
#include "shared/kafka/message.h"

namespace insights::replay {

// Reads every partition of a topic from its start to the end it has when the call begins (no consumer group, no
// commits), calling `visit` for each message. Throws insights::Error when the broker does not answer in `timeout`.
void read_whole_topic(const kafka::Properties& properties, const std::string& topic,
                      const std::function<void(const kafka::Message&)>& visit, std::chrono::milliseconds timeout);

}  // namespace insights::replay
