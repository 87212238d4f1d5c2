#include "producers/synthetic/advisor_day_plan.h"

#include <algorithm>

#include "producers/synthetic/reference_data.h"

namespace insights::synthetic {

namespace {

constexpr std::uint32_t kMinutesPerHour = 60;
constexpr std::uint32_t kBookingStep = 15;
constexpr std::uint32_t kAbsencePercent = 4;
constexpr std::uint32_t kLunchStartMinute = 11 * 60;
constexpr std::uint32_t kLunchEndMinute = 12 * 60;

struct Shift {
  std::uint32_t start_minute;
  std::uint32_t end_minute;
};
constexpr std::array<Shift, 3> kShifts{{{8 * 60, 17 * 60}, {8 * 60 + 30, 16 * 60}, {9 * 60, 17 * 60}}};
constexpr std::array<std::uint32_t, 3> kShiftWeights{60, 20, 20};
// 540 minutes is the whole opening day: that advisor has no cap in practice.
constexpr std::array<std::uint32_t, 3> kDailyMaxima{240, 300, 540};
constexpr std::array<std::uint32_t, 3> kDailyMaximumWeights{25, 35, 40};
constexpr std::uint32_t kCapabilityPercent = 60;

// Booked minutes per hour (0, 15, 30, 45, 60) on a quiet, normal and busy day.
constexpr std::array<std::array<std::uint32_t, 5>, 3> kBookingWeights{{
    {65, 10, 12, 5, 8},
    {40, 10, 15, 10, 25},
    {15, 10, 20, 15, 40},
}};
constexpr std::array<std::uint32_t, 3> kBusynessWeights{25, 50, 25};

struct Interval {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

std::uint32_t overlap(Interval a, Interval b) {
  const auto start = std::max(a.start, b.start);
  const auto end = std::min(a.end, b.end);
  return end > start ? end - start : 0;
}

Interval draw_lunch_break(Xoshiro256& rng) {
  constexpr std::array<std::uint32_t, 3> kLunchWeights{50, 20, 30};
  switch (rng.weighted(kLunchWeights)) {
    case 0:
      return {kLunchStartMinute, kLunchEndMinute};
    case 1:
      return {kLunchStartMinute + 30, kLunchEndMinute};
    default:
      return {};
  }
}

DayPlan whole_day(Reason opening_hours_reason) {
  DayPlan plan{};
  for (std::uint32_t hour = 0; hour < plan.size(); ++hour) {
    const Interval span{hour * kMinutesPerHour, (hour + 1) * kMinutesPerHour};
    const bool open = overlap(span, {kOpeningStartMinute, kOpeningEndMinute}) > 0;
    plan[hour] = {0, 0, open ? opening_hours_reason : Reason::closed};
  }
  return plan;
}

class WorkingDayPlanner {
 public:
  WorkingDayPlanner(const AdvisorProfile& profile, Xoshiro256& rng)
      : rng_(rng),
        shift_{profile.shift_start_minute, profile.shift_end_minute},
        lunch_(draw_lunch_break(rng)),
        booking_weights_(kBookingWeights[rng.weighted(kBusynessWeights)]),
        cap_left_(profile.daily_max_booked_minutes) {}

  HourSlot plan_hour(Interval span) {
    const auto working = overlap(span, shift_);
    const auto on_break = overlap(span, lunch_);
    const auto free = working - std::min(working, on_break);
    const Reason structural = working == 0               ? Reason::outside_working_hours
                              : on_break > 0             ? Reason::lunch_break
                              : working < kMinutesPerHour ? Reason::outside_working_hours
                                                          : Reason::none;
    const auto booked = std::min({draw_booking(), free / kBookingStep * kBookingStep, cap_left_});
    cap_left_ -= booked;
    const auto left = free - booked;
    const bool capped = cap_left_ == 0 && left > 0;
    HourSlot slot{static_cast<std::uint8_t>(capped ? 0 : left), static_cast<std::uint8_t>(booked), structural};
    if (slot.reason == Reason::none && capped) {
      slot.reason = Reason::daily_maximum_reached;
    } else if (slot.reason == Reason::none && slot.available_minutes == 0) {
      slot.reason = Reason::fully_booked;
    }
    return slot;
  }

 private:
  std::uint32_t draw_booking() { return kBookingStep * static_cast<std::uint32_t>(rng_.weighted(booking_weights_)); }

  Xoshiro256& rng_;
  Interval shift_;
  Interval lunch_;
  const std::array<std::uint32_t, 5>& booking_weights_;
  std::uint32_t cap_left_;
};

}  // namespace

std::string_view reason_name(Reason reason) {
  switch (reason) {
    case Reason::none:
      return "";
    case Reason::holiday:
      return "holiday";
    case Reason::closed:
      return "closed";
    case Reason::absence:
      return "absence";
    case Reason::outside_working_hours:
      return "outside_working_hours";
    case Reason::lunch_break:
      return "break";
    case Reason::fully_booked:
      return "fully_booked";
    case Reason::daily_maximum_reached:
      return "daily_maximum_reached";
  }
  return "";
}

std::string_view slot_status(const HourSlot& slot) {
  if (slot.available_minutes >= kMinutesPerHour) {
    return "available";
  }
  return slot.available_minutes == 0 ? "unavailable" : "partially_available";
}

AdvisorProfile draw_advisor_profile(Xoshiro256& rng) {
  AdvisorProfile profile;
  const auto& shift = kShifts[rng.weighted(kShiftWeights)];
  profile.shift_start_minute = shift.start_minute;
  profile.shift_end_minute = shift.end_minute;
  profile.daily_max_booked_minutes = kDailyMaxima[rng.weighted(kDailyMaximumWeights)];
  // Everybody can open an account, so any hour with 30 free minutes has something bookable.
  profile.capabilities = 1U;
  for (std::size_t type = 1; type < meeting_types().size(); ++type) {
    if (rng.chance(kCapabilityPercent)) {
      profile.capabilities |= 1U << type;
    }
  }
  return profile;
}

DayPlan plan_advisor_day(const AdvisorProfile& profile, DayKind kind, Xoshiro256& rng) {
  if (kind == DayKind::weekend) {
    return whole_day(Reason::closed);
  }
  if (kind == DayKind::holiday) {
    return whole_day(Reason::holiday);
  }
  if (rng.chance(kAbsencePercent)) {
    return whole_day(Reason::absence);
  }
  DayPlan plan = whole_day(Reason::none);
  WorkingDayPlanner planner(profile, rng);
  for (std::uint32_t hour = kOpeningStartMinute / kMinutesPerHour; hour < kOpeningEndMinute / kMinutesPerHour;
       ++hour) {
    plan[hour] = planner.plan_hour({hour * kMinutesPerHour, (hour + 1) * kMinutesPerHour});
  }
  return plan;
}

}  // namespace insights::synthetic
