#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "producers/synthetic/opening_calendar.h"
#include "producers/synthetic/prng.h"

namespace insights::synthetic {

// Why an hour is not fully available; names are the schema's `reason` values.
enum class Reason : std::uint8_t {
  none,
  holiday,
  closed,
  absence,
  outside_working_hours,
  lunch_break,
  fully_booked,
  daily_maximum_reached,
};

std::string_view reason_name(Reason reason);

// What stays the same for an advisor over the whole period.
struct AdvisorProfile {
  std::uint32_t shift_start_minute = kOpeningStartMinute;
  std::uint32_t shift_end_minute = kOpeningEndMinute;
  std::uint32_t daily_max_booked_minutes = 0;
  std::uint32_t capabilities = 0;  // bit i: can hold meeting_types()[i]
};

AdvisorProfile draw_advisor_profile(Xoshiro256& rng);

struct HourSlot {
  std::uint8_t available_minutes = 0;
  std::uint8_t booked_minutes = 0;
  Reason reason = Reason::none;  // set when some minutes are neither free nor booked, or all free ones are booked
};

// available, partially_available or unavailable, from the free minutes of the hour.
std::string_view slot_status(const HourSlot& slot);

using DayPlan = std::array<HourSlot, 24>;

// One advisor's day, hour by hour from 00:00 UTC: closed outside opening hours and on weekends, holidays and
// occasional absences, lunch breaks on some days, random bookings, and a per-advisor cap on booked minutes.
DayPlan plan_advisor_day(const AdvisorProfile& profile, DayKind kind, Xoshiro256& rng);

}  // namespace insights::synthetic
