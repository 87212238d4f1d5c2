#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "producers/availability/snapshot.h"

namespace insights::availability {

// The IANA zone of that name from the OS database (/usr/share/zoneinfo, Debian's tzdata). Throws insights::Error
// naming the zone when it is unknown or the database cannot be read.
const date::time_zone* find_time_zone(std::string_view name);

// Wall-clock minutes of one zone mapped to UTC minutes over a span of local days, with each day's midnight and
// offset computed once. The mapping is monotonic, so adjacent ranges neither overlap nor leave gaps: a wall-clock
// time skipped by a spring-forward maps to the instant of the change, a repeated one to its first occurrence.
class LocalCalendar {
 public:
  LocalCalendar(const date::time_zone* zone, LocalDate first_day, std::uint32_t days);

  std::int64_t to_utc(LocalDate day, std::uint32_t minute_of_day) const;
  std::int64_t to_utc(Moment moment) const;
  // The UTC minute at which `day` begins locally.
  std::int64_t midnight(LocalDate day) const { return to_utc(day, 0); }
  LocalDate date_of(std::int64_t utc_minute) const;

 private:
  std::int64_t convert(std::int64_t local_minute) const;
  bool covers(LocalDate day) const { return day >= first_day_ && day < first_day_ + static_cast<LocalDate>(days_); }

  const date::time_zone* zone_;
  LocalDate first_day_;
  std::uint32_t days_;
  std::vector<std::int64_t> midnights_;  // days_ + 1 entries
  std::vector<bool> uniform_;            // the day has one UTC offset throughout
};

}  // namespace insights::availability
