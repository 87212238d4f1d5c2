#include "producers/availability/advisor_grid.h"

#include <map>

namespace insights::availability {

namespace {

void paint_daily_maximum(MinuteGrid& grid, const LocalCalendar& calendar, const AdvisorAtLocation& at) {
  const auto max = at.advisor->max_meetings_per_day;
  if (max == 0) return;
  std::map<LocalDate, std::uint32_t> per_day;
  for (const auto& booking : at.bookings) ++per_day[calendar.date_of(booking.start)];
  for (const auto& [day, count] : per_day) {
    if (count >= max) grid.set(calendar.midnight(day), calendar.midnight(day + 1), kDailyMaximum);
  }
}

}  // namespace

void paint_advisor(MinuteGrid& grid, const LocalCalendar& calendar, const Horizon& horizon,
                   const AdvisorAtLocation& at) {
  const LocalDate first = horizon.first_day - 1;
  const LocalDate last = horizon.first_day + static_cast<LocalDate>(horizon.days) + 1;
  grid.fill(kOutsideWorkingHours);
  apply_weekly(grid, calendar, first, last, *at.working_hours, kOutsideWorkingHours, false);
  apply_weekly(grid, calendar, first, last, at.advisor->breaks, kBreak, true);
  for (const auto& absence : at.advisor->absences) {
    grid.set(calendar.to_utc(absence.start), calendar.to_utc(absence.end), kAbsence);
  }
  for (const auto& booking : at.bookings) {
    grid.set(booking.start, booking.end, booking.here ? kBookedHere : kBookedElsewhere);
  }
  paint_daily_maximum(grid, calendar, at);
}

void free_runs(const MinuteGrid& grid, std::vector<std::uint32_t>& runs) {
  const auto& flags = grid.flags();
  runs.resize(flags.size());
  std::uint32_t run = 0;
  for (std::size_t i = flags.size(); i-- > 0;) {
    run = flags[i] == 0 ? run + 1 : 0;
    runs[i] = run;
  }
}

}  // namespace insights::availability
