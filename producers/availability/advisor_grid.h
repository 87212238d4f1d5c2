#pragma once
#include <cstdint>
#include <vector>

#include "producers/availability/horizon.h"
#include "producers/availability/minute_grid.h"

namespace insights::availability {

// One of the advisor's bookings in UTC minutes.
struct BookingSpan {
  std::int64_t start = 0;
  std::int64_t end = 0;
  bool here = false;  // at the location being simulated
};

// What an advisor brings to one location's grid.
struct AdvisorAtLocation {
  const WeeklyHours* working_hours = nullptr;
  const Advisor* advisor = nullptr;
  std::vector<BookingSpan> bookings;  // at every location: the advisor is busy wherever the meeting is
};

// Adds the advisor's causes to a copy of the location grid: outside working hours, breaks, absences, bookings,
// and whole local days on which the advisor already has max_meetings_per_day bookings.
void paint_advisor(MinuteGrid& grid, const LocalCalendar& calendar, const Horizon& horizon,
                   const AdvisorAtLocation& at);

// runs[i]: how many free minutes follow from minute i on (0 when minute i is not free).
void free_runs(const MinuteGrid& grid, std::vector<std::uint32_t>& runs);

}  // namespace insights::availability
