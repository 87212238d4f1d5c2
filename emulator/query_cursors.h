#pragma once
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "emulator/record_id.h"
#include "emulator/sobject_fields.h"
#include "emulator/sobject_record.h"

namespace insights::emulator {

// A query's full result, kept so that later pages come from the same snapshot.
struct QueryResult {
  const ObjectDef* object = nullptr;
  std::vector<std::string> fields;
  std::vector<SobjectRecord> records;
};

// Results of queries too large for one page, by query locator (`01g…`), the last `capacity` of them.
// Thread-safe.
class QueryCursors {
 public:
  QueryCursors(RecordIdGenerator& ids, std::size_t capacity);

  std::string save(QueryResult result);  // the locator
  std::optional<QueryResult> find(const std::string& locator) const;

 private:
  RecordIdGenerator& ids_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<std::pair<std::string, QueryResult>> results_;
};

}  // namespace insights::emulator
