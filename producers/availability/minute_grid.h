#pragma once
#include <cstdint>
#include <vector>

#include "producers/availability/local_calendar.h"
#include "producers/availability/snapshot.h"

namespace insights::availability {

// Why a minute cannot be booked, one bit each; a higher bit takes precedence as the row's reason.
enum Cause : std::uint8_t {
  kDailyMaximum = 1U << 0,
  kBookedHere = 1U << 1,
  kBookedElsewhere = 1U << 2,  // the advisor's booking at another location
  kBreak = 1U << 3,
  kOutsideWorkingHours = 1U << 4,
  kAbsence = 1U << 5,
  kClosed = 1U << 6,
  kHoliday = 1U << 7,
};

// The causes of every UTC minute from `origin` on; a minute without any is free.
class MinuteGrid {
 public:
  MinuteGrid() = default;
  MinuteGrid(std::int64_t origin, std::size_t minutes) : origin_(origin), flags_(minutes, 0) {}

  std::int64_t origin() const { return origin_; }
  std::size_t size() const { return flags_.size(); }
  const std::vector<std::uint8_t>& flags() const { return flags_; }

  void fill(std::uint8_t causes);
  // [from, to) in UTC minutes, clipped to the grid.
  void set(std::int64_t from, std::int64_t to, std::uint8_t causes);
  void clear(std::int64_t from, std::int64_t to, std::uint8_t causes);

 private:
  std::int64_t origin_ = 0;
  std::vector<std::uint8_t> flags_;
};

// Sets (or clears) `causes` on the weekly ranges of every local day in [first, last].
void apply_weekly(MinuteGrid& grid, const LocalCalendar& calendar, LocalDate first, LocalDate last,
                  const WeeklyHours& week, std::uint8_t causes, bool set);

// ISO weekday index of a local date: 0 Monday .. 6 Sunday.
inline std::size_t weekday_index(LocalDate day) { return static_cast<std::size_t>(((day % 7) + 7 + 3) % 7); }

}  // namespace insights::availability
