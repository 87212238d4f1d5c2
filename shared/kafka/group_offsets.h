#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "shared/kafka/kafka_conf.h"

namespace insights::kafka {

// Commits, for a group that has no offsets yet, the current end of every partition of `topics`, so that its
// members start with what is produced from now on. (auto.offset.reset=latest is resolved lazily per partition and
// can skip records produced right after the group joined.) Throws insights::Error when the broker does not answer.
void start_group_at_end(const Properties& properties, const std::string& group_id, const std::vector<std::string>& topics,
                        std::chrono::milliseconds timeout);

}  // namespace insights::kafka
