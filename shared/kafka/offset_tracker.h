#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/kafka/message.h"

namespace insights::kafka {

// Computes the offsets a worker may commit: per partition, never past the first message of work still open
// (a pinned offset), otherwise just after the last message handled.
class OffsetTracker {
 public:
  OffsetTracker() = default;
  OffsetTracker(const OffsetTracker&) = delete;  // holds an iterator into its own map
  OffsetTracker& operator=(const OffsetTracker&) = delete;

  void assign(const std::string& topic, std::int32_t partition);
  void revoke(const std::string& topic, std::int32_t partition);
  // Called for every message: remembers the partition it last saw, so a run of one partition's messages costs no
  // lookup.
  void processed(std::string_view topic, std::int32_t partition, std::int64_t offset);
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
  using KeyView = std::pair<std::string_view, std::int32_t>;
  struct KeyLess {  // transparent: a lookup by KeyView needs no string
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return KeyView(a.first, a.second) < KeyView(b.first, b.second);
    }
  };
  std::map<Key, State, KeyLess> partitions_;
  // The entry processed() last used; map nodes stay put until erased, which clears it.
  std::map<Key, State, KeyLess>::iterator last_ = partitions_.end();
};

}  // namespace insights::kafka
