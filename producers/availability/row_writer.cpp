#include "producers/availability/row_writer.h"

#include <algorithm>
#include <numeric>

#include <date/date.h>
#include <fmt/format.h>

namespace insights::availability {

namespace {

constexpr std::int64_t kMinutesPerDay = 1440;

void two_digits(char* out, unsigned value) {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

RowWriter::RowWriter(std::string_view org_id, std::string_view location_id, std::string_view advisor_id,
                     const std::vector<BookableType>& types)
    : slot_prefix_(fmt::format(R"({{"slot_id":"{}/{}/{}/)", org_id, location_id, advisor_id)),
      ids_(fmt::format(R"(","org_id":"{}","location_id":"{}","advisor_id":"{}","hour_start":")", org_id,
                       location_id, advisor_id)) {
  std::vector<std::size_t> by_need(types.size());
  std::iota(by_need.begin(), by_need.end(), 0);
  std::stable_sort(by_need.begin(), by_need.end(),
                   [&](std::size_t a, std::size_t b) { return types[a].needed_minutes < types[b].needed_minutes; });
  std::vector<bool> included(types.size(), false);
  for (std::size_t k = 0; k <= types.size(); ++k) {
    if (k > 0) {
      included[by_need[k - 1]] = true;
      thresholds_.push_back(types[by_need[k - 1]].needed_minutes);
    }
    std::string array = "[";
    for (std::size_t i = 0; i < types.size(); ++i) {
      if (!included[i]) continue;
      if (array.size() > 1) array.push_back(',');
      array.append("\"").append(types[i].id).append("\"");
    }
    type_arrays_.push_back(array + "]}");
  }
}

void RowWriter::format_timestamp(std::int64_t utc_minute) {
  const std::int64_t day =
      utc_minute >= 0 ? utc_minute / kMinutesPerDay : (utc_minute - kMinutesPerDay + 1) / kMinutesPerDay;
  if (day != cached_day_) {
    const date::year_month_day ymd{date::sys_days{date::days{day}}};
    const auto text = fmt::format("{:04}-{:02}-{:02}T", static_cast<int>(ymd.year()),
                                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    std::copy_n(text.begin(), 11, stamp_.begin());
    cached_day_ = day;
  }
  const auto minute_of_day = static_cast<unsigned>(utc_minute - day * kMinutesPerDay);
  two_digits(&stamp_[11], minute_of_day / 60);
  stamp_[13] = ':';
  two_digits(&stamp_[14], minute_of_day % 60);
  std::copy_n(":00Z", 4, &stamp_[16]);
}

void RowWriter::append_number(std::uint32_t value) {
  char digits[10];
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) row_.push_back(digits[--n]);
}

std::string_view RowWriter::write(std::int64_t slot_start_utc_minute, const SlotSummary& slot,
                                  std::uint32_t slot_minutes) {
  format_timestamp(slot_start_utc_minute);
  row_.assign(slot_prefix_);
  row_.append(stamp_.data(), stamp_.size());
  row_.append(ids_);
  row_.append(stamp_.data(), stamp_.size());
  row_.append(R"(","status":")").append(status_name(slot, slot_minutes));
  row_.append(R"(","available_minutes":)");
  append_number(slot.available_minutes);
  row_.append(R"(,"booked_minutes":)");
  append_number(slot.booked_minutes);
  row_.append(R"(,"reason":")").append(reason_name(slot, slot_minutes));
  row_.append(R"(","bookable_meeting_types":)");
  const auto fitting = static_cast<std::size_t>(
      std::upper_bound(thresholds_.begin(), thresholds_.end(), slot.longest_free_start) - thresholds_.begin());
  row_.append(type_arrays_[fitting]);
  return row_;
}

}  // namespace insights::availability
