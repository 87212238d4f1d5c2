#pragma once
#include <cstdint>

#include <date/date.h>

namespace insights::synthetic {

// Opening hours of every synthetic location, Monday to Friday; treated as UTC for synthetic data.
inline constexpr std::uint32_t kOpeningStartMinute = 8 * 60;
inline constexpr std::uint32_t kOpeningEndMinute = 17 * 60;

enum class DayKind { working, weekend, holiday };

// Weekends, and the fixed-date Norwegian public holidays on weekdays.
DayKind day_kind(date::sys_days day);

}  // namespace insights::synthetic
