#include "emulator/query_cursors.h"

#include <algorithm>

namespace insights::emulator {

QueryCursors::QueryCursors(RecordIdGenerator& ids, std::size_t capacity) : ids_(ids), capacity_(capacity) {}

std::string QueryCursors::save(QueryResult result) {
  auto locator = ids_.next("01g");
  std::lock_guard lock(mutex_);
  results_.emplace_back(locator, std::move(result));
  while (results_.size() > capacity_) results_.pop_front();
  return locator;
}

std::optional<QueryResult> QueryCursors::find(const std::string& locator) const {
  std::lock_guard lock(mutex_);
  const auto found = std::find_if(results_.begin(), results_.end(),
                                  [&](const auto& entry) { return entry.first == locator; });
  if (found == results_.end()) return std::nullopt;
  return found->second;
}

}  // namespace insights::emulator
