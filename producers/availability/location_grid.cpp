#include "producers/availability/location_grid.h"

namespace insights::availability {

MinuteGrid location_grid(const Location& location, const LocalCalendar& calendar, const Horizon& horizon) {
  MinuteGrid grid(horizon.origin, static_cast<std::size_t>(horizon.end - horizon.origin + kTailMinutes));
  const LocalDate first = horizon.first_day - 1;
  const LocalDate last = horizon.first_day + static_cast<LocalDate>(horizon.days) + 1;
  grid.fill(kClosed);
  apply_weekly(grid, calendar, first, last, location.opening_hours, kClosed, false);
  for (const LocalDate day : location.closed_dates) grid.set(calendar.midnight(day), calendar.midnight(day + 1), kClosed);
  for (const auto& holiday : location.holidays) {
    grid.set(calendar.midnight(holiday.date), calendar.midnight(holiday.date + 1), kHoliday);
  }
  return grid;
}

}  // namespace insights::availability
