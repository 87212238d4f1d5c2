#include "producers/availability/minute_grid.h"

#include <algorithm>

namespace insights::availability {

namespace {

// The grid indexes of [from, to), empty when outside.
std::pair<std::size_t, std::size_t> clip(std::int64_t origin, std::size_t size, std::int64_t from, std::int64_t to) {
  const auto begin = std::clamp<std::int64_t>(from - origin, 0, static_cast<std::int64_t>(size));
  const auto end = std::clamp<std::int64_t>(to - origin, begin, static_cast<std::int64_t>(size));
  return {static_cast<std::size_t>(begin), static_cast<std::size_t>(end)};
}

}  // namespace

void MinuteGrid::fill(std::uint8_t causes) {
  for (auto& f : flags_) f |= causes;
}

void MinuteGrid::set(std::int64_t from, std::int64_t to, std::uint8_t causes) {
  const auto [begin, end] = clip(origin_, flags_.size(), from, to);
  for (std::size_t i = begin; i < end; ++i) flags_[i] |= causes;
}

void MinuteGrid::clear(std::int64_t from, std::int64_t to, std::uint8_t causes) {
  const auto [begin, end] = clip(origin_, flags_.size(), from, to);
  const auto keep = static_cast<std::uint8_t>(~causes);
  for (std::size_t i = begin; i < end; ++i) flags_[i] &= keep;
}

void apply_weekly(MinuteGrid& grid, const LocalCalendar& calendar, LocalDate first, LocalDate last,
                  const WeeklyHours& week, std::uint8_t causes, bool set) {
  for (LocalDate day = first; day <= last; ++day) {
    for (const auto& range : week[weekday_index(day)]) {
      const auto from = calendar.to_utc(day, range.from);
      const auto to = calendar.to_utc(day, range.to);
      if (set) {
        grid.set(from, to, causes);
      } else {
        grid.clear(from, to, causes);
      }
    }
  }
}

}  // namespace insights::availability
