#include "producers/availability/local_calendar.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::availability {

namespace {

constexpr std::int64_t kMinutesPerDay = 1440;

std::int64_t to_minutes(date::sys_seconds t) {
  return std::chrono::floor<std::chrono::minutes>(t).time_since_epoch().count();
}

}  // namespace

const date::time_zone* find_time_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception& e) {
    throw Error(fmt::format("unknown time zone '{}' ({}): use an IANA name such as Europe/Oslo; the zone database "
                            "is read from /usr/share/zoneinfo (Debian package tzdata)",
                            name, e.what()));
  }
}

LocalCalendar::LocalCalendar(const date::time_zone* zone, LocalDate first_day, std::uint32_t days)
    : zone_(zone), first_day_(first_day), days_(days) {
  midnights_.reserve(days + 1);
  for (std::uint32_t i = 0; i <= days; ++i) midnights_.push_back(convert((first_day + i) * kMinutesPerDay));
  uniform_.reserve(days);
  for (std::uint32_t i = 0; i < days; ++i) {
    const auto info = zone_->get_info(date::sys_seconds{std::chrono::minutes{midnights_[i]}});
    uniform_.push_back(midnights_[i + 1] - midnights_[i] == kMinutesPerDay &&
                       to_minutes(info.end) >= midnights_[i + 1]);
  }
}

std::int64_t LocalCalendar::convert(std::int64_t local_minute) const {
  const date::local_seconds local{std::chrono::minutes{local_minute}};
  const auto info = zone_->get_info(local);
  switch (info.result) {
    case date::local_info::nonexistent:
      return to_minutes(info.second.begin);
    case date::local_info::ambiguous:
    case date::local_info::unique:
    default:
      return local_minute - std::chrono::duration_cast<std::chrono::minutes>(info.first.offset).count();
  }
}

std::int64_t LocalCalendar::to_utc(LocalDate day, std::uint32_t minute_of_day) const {
  if (covers(day)) {
    const auto index = static_cast<std::size_t>(day - first_day_);
    if (uniform_[index] || minute_of_day == 0) return midnights_[index] + minute_of_day;
    if (minute_of_day == kMinutesPerDay) return midnights_[index + 1];
  }
  return convert(std::int64_t{day} * kMinutesPerDay + minute_of_day);
}

std::int64_t LocalCalendar::to_utc(Moment moment) const {
  if (moment.utc) return moment.minutes;
  const auto day = static_cast<LocalDate>(moment.minutes >= 0 ? moment.minutes / kMinutesPerDay
                                                              : (moment.minutes - kMinutesPerDay + 1) / kMinutesPerDay);
  return to_utc(day, static_cast<std::uint32_t>(moment.minutes - std::int64_t{day} * kMinutesPerDay));
}

LocalDate LocalCalendar::date_of(std::int64_t utc_minute) const {
  if (utc_minute >= midnights_.front() && utc_minute < midnights_.back()) {
    const auto next = std::upper_bound(midnights_.begin(), midnights_.end(), utc_minute);
    return first_day_ + static_cast<LocalDate>(next - midnights_.begin() - 1);
  }
  const auto local = zone_->to_local(date::sys_seconds{std::chrono::minutes{utc_minute}});
  return static_cast<LocalDate>(date::floor<date::days>(local).time_since_epoch().count());
}

}  // namespace insights::availability
