#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace insights::availability {

// One slot (an hour by default) of one advisor at one location, reduced from its minutes.
struct SlotSummary {
  std::uint32_t available_minutes = 0;
  std::uint32_t booked_minutes = 0;     // this location's bookings
  std::uint8_t causes = 0;              // every cause seen in the slot
  std::uint32_t longest_free_start = 0;  // the longest free run that starts inside the slot (may run past its end)
};

SlotSummary summarise_slot(const std::vector<std::uint8_t>& flags, const std::vector<std::uint32_t>& runs,
                           std::size_t begin, std::size_t length);

// "available", "partially_available" or "unavailable".
std::string_view status_name(const SlotSummary& slot, std::uint32_t slot_minutes);
// The highest-precedence cause of a slot that is not fully available, "" otherwise.
std::string_view reason_name(const SlotSummary& slot, std::uint32_t slot_minutes);

}  // namespace insights::availability
