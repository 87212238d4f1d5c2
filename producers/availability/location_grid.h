#pragma once
#include "producers/availability/horizon.h"
#include "producers/availability/minute_grid.h"

namespace insights::availability {

// The causes a location imposes on every advisor there: closed outside opening hours and on closed dates,
// holidays. Covers the horizon plus kTailMinutes.
MinuteGrid location_grid(const Location& location, const LocalCalendar& calendar, const Horizon& horizon);

}  // namespace insights::availability
