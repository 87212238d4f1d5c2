#pragma once
#include <cstdint>

#include "producers/availability/local_calendar.h"
#include "producers/availability/snapshot.h"

namespace insights::availability {

// The simulated span of one location: the local days first_day .. first_day + days - 1, which begin at the next
// local midnight after the run date. Every slot is a real span of UTC minutes in [origin, end).
struct Horizon {
  LocalDate first_day = 0;
  std::uint32_t days = 0;
  std::int64_t origin = 0;
  std::int64_t end = 0;
};

// Margin kept after the horizon so that a meeting starting in the last slot can be checked for fit.
inline constexpr std::int64_t kTailMinutes = 1440;

// A calendar covering a day before and after the horizon, so that ranges crossing its edges are seen.
inline LocalCalendar horizon_calendar(const date::time_zone* zone, LocalDate first_day, std::uint32_t days) {
  return LocalCalendar(zone, first_day - 1, days + 3);
}

inline Horizon make_horizon(const LocalCalendar& calendar, LocalDate first_day, std::uint32_t days) {
  return {first_day, days, calendar.midnight(first_day),
          calendar.midnight(first_day + static_cast<LocalDate>(days))};
}

}  // namespace insights::availability
