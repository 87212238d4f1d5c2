#include "shared/kafka/offset_tracker.h"

#include <algorithm>

namespace insights::kafka {

void OffsetTracker::assign(const std::string& topic, std::int32_t partition) { partitions_.try_emplace({topic, partition}); }

void OffsetTracker::revoke(const std::string& topic, std::int32_t partition) {
  last_ = partitions_.end();
  partitions_.erase(Key{topic, partition});
}

void OffsetTracker::processed(std::string_view topic, std::int32_t partition, std::int64_t offset) {
  if (last_ == partitions_.end() || last_->first.second != partition || last_->first.first != topic) {
    last_ = partitions_.find(KeyView{topic, partition});
    if (last_ == partitions_.end()) last_ = partitions_.try_emplace(Key{std::string(topic), partition}).first;
  }
  last_->second.next = std::max(last_->second.next, offset + 1);
}

void OffsetTracker::pin(const std::string& topic, std::int32_t partition, std::int64_t offset) {
  partitions_[{topic, partition}].pins.insert(offset);
}

void OffsetTracker::unpin(const std::string& topic, std::int32_t partition, std::int64_t offset) {
  auto it = partitions_.find({topic, partition});
  if (it == partitions_.end()) return;
  auto pin = it->second.pins.find(offset);
  if (pin != it->second.pins.end()) it->second.pins.erase(pin);
}

std::optional<std::int64_t> OffsetTracker::safe_offset(const std::string& topic, std::int32_t partition) const {
  auto it = partitions_.find({topic, partition});
  if (it == partitions_.end()) return std::nullopt;
  const State& state = it->second;
  if (!state.pins.empty()) return *state.pins.begin();
  if (state.next < 0) return std::nullopt;
  return state.next;
}

std::vector<TopicPartition> OffsetTracker::pending_commits() const {
  std::vector<TopicPartition> out;
  for (const auto& [key, state] : partitions_) {
    auto safe = safe_offset(key.first, key.second);
    if (safe && *safe > state.committed) out.push_back({key.first, key.second, *safe});
  }
  return out;
}

void OffsetTracker::mark_committed(const std::vector<TopicPartition>& offsets) {
  for (const auto& tp : offsets) {
    auto it = partitions_.find({tp.topic, tp.partition});
    if (it != partitions_.end()) it->second.committed = std::max(it->second.committed, tp.offset);
  }
}

}  // namespace insights::kafka
