#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "producers/availability/slot_summary.h"

namespace insights::availability {

// A meeting type as the simulation checks it: the free minutes it needs (duration + buffer) and its id.
struct BookableType {
  std::uint32_t needed_minutes = 0;
  std::string id;
};

// Writes `availability` rows (shared/schema/insights_schema.json) of one advisor at one location into a buffer
// reused for every row. The fixed parts are formatted once; ids are known to need no JSON escaping.
class RowWriter {
 public:
  // `types` in the order they are listed in the row.
  RowWriter(std::string_view org_id, std::string_view location_id, std::string_view advisor_id,
            const std::vector<BookableType>& types);

  // The row; valid until the next call.
  std::string_view write(std::int64_t slot_start_utc_minute, const SlotSummary& slot, std::uint32_t slot_minutes);

 private:
  void format_timestamp(std::int64_t utc_minute);
  void append_number(std::uint32_t value);

  std::string slot_prefix_;
  std::string ids_;
  std::vector<std::uint32_t> thresholds_;   // sorted needed minutes
  std::vector<std::string> type_arrays_;    // type_arrays_[k]: the JSON array of the k types needing least
  std::string row_;
  std::int64_t cached_day_ = -1;
  std::array<char, 20> stamp_{};  // "YYYY-MM-DDTHH:MM:00Z"
};

}  // namespace insights::availability
