#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "shared/kafka/kafka_conf.h"

namespace insights::kafka {

struct TopicSpec {
  std::string name;
  int partitions = 1;
};

// Creates the topics that do not exist yet; existing ones are left as they are. Throws insights::Error naming the
// topic and the broker's reason, or saying the broker did not answer within `timeout`.
void ensure_topics(const Properties& properties, const std::vector<TopicSpec>& topics, std::chrono::milliseconds timeout);

}  // namespace insights::kafka
