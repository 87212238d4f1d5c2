#include "producers/availability/slot_summary.h"

#include <algorithm>
#include <array>

#include "producers/availability/minute_grid.h"

namespace insights::availability {

SlotSummary summarise_slot(const std::vector<std::uint8_t>& flags, const std::vector<std::uint32_t>& runs,
                           std::size_t begin, std::size_t length) {
  SlotSummary slot;
  for (std::size_t i = begin; i < begin + length; ++i) {
    const std::uint8_t f = flags[i];
    slot.causes |= f;
    slot.available_minutes += f == 0 ? 1 : 0;
    slot.booked_minutes += (f & kBookedHere) != 0 ? 1 : 0;
    slot.longest_free_start = std::max(slot.longest_free_start, runs[i]);
  }
  return slot;
}

std::string_view status_name(const SlotSummary& slot, std::uint32_t slot_minutes) {
  if (slot.available_minutes == slot_minutes) return "available";
  return slot.available_minutes == 0 ? "unavailable" : "partially_available";
}

std::string_view reason_name(const SlotSummary& slot, std::uint32_t slot_minutes) {
  if (slot.available_minutes == slot_minutes) return "";
  // Precedence: holiday > closed > absence > outside working hours > break > fully booked > daily maximum.
  static constexpr std::array<std::pair<std::uint8_t, std::string_view>, 7> kOrder = {{
      {kHoliday, "holiday"},
      {kClosed, "closed"},
      {kAbsence, "absence"},
      {kOutsideWorkingHours, "outside_working_hours"},
      {kBreak, "break"},
      {kBookedHere | kBookedElsewhere, "fully_booked"},
      {kDailyMaximum, "daily_maximum_reached"},
  }};
  for (const auto& [bits, name] : kOrder) {
    if ((slot.causes & bits) != 0) return name;
  }
  return "";
}

}  // namespace insights::availability
