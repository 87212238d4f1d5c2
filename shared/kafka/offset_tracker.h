#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "shared/kafka/message.h"

namespace insights::kafka {

// Computes the offsets a worker may commit: per partition, never past the first message of work still open
// (a pinned offset), otherwise just after the last message handled.
class OffsetTracker {
 public:
  void assign(const std::string& topic, std::int32_t partition);
  void revoke(const std::string& topic, std::int32_t partition);
  void processed(const std::string& topic, std::int32_t partition, std::int64_t offset);
  void pin(const std::string& topic, std::int32_t partition, std::int64_t offset);
  void unpin(const std::string& topic, std::int32_t partition, std::int64_t offset);

  std::optional<std::int64_t> safe_offset(const std::string& topic, std::int32_t partition) const;
  // Safe offsets that moved since they were last marked committed.
  std::vector<TopicPartition> pending_commits() const;
  void mark_committed(const std::vector<TopicPartition>& offsets);

 private:
  struct State {
    std::int64_t next = -1;   // offset after the last handled message; -1 before any
    std::multiset<std::int64_t> pins;
    std::int64_t committed = -1;
  };
  using Key = std::pair<std::string, std::int32_t>;
  std::map<Key, State> partitions_;
};

}  // namespace insights::kafka
