#include "producers/synthetic/opening_calendar.h"

#include <algorithm>
#include <array>

namespace insights::synthetic {

namespace {

constexpr std::array<date::month_day, 5> kHolidays{
    date::January / 1, date::May / 1, date::May / 17, date::December / 25, date::December / 26,
};

}  // namespace

DayKind day_kind(date::sys_days day) {
  const date::weekday weekday{day};
  if (weekday == date::Saturday || weekday == date::Sunday) {
    return DayKind::weekend;
  }
  const date::year_month_day ymd{day};
  const date::month_day month_day{ymd.month(), ymd.day()};
  return std::find(kHolidays.begin(), kHolidays.end(), month_day) != kHolidays.end() ? DayKind::holiday
                                                                                      : DayKind::working;
}

}  // namespace insights::synthetic
