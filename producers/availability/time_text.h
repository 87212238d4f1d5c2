#pragma once
#include <string>
#include <string_view>

#include "producers/availability/snapshot.h"

namespace insights::availability {

// The text forms of the snapshot's times. Parsers throw insights::Error saying what is wrong with the text;
// callers add where it was.

// "HH:MM-HH:MM", end after start, end at most "24:00".
ClockRange parse_clock_range(std::string_view text);
std::string format_clock_range(ClockRange range);

// "YYYY-MM-DD", a real calendar date.
LocalDate parse_date(std::string_view text);
std::string format_date(LocalDate date);

// "YYYY-MM-DDTHH:MM" (wall clock of the location) or with ":SS" and/or "Z" (UTC). Seconds round down, or up
// when round_up: the simulation works in whole minutes.
Moment parse_moment(std::string_view text, bool round_up);
std::string format_moment(Moment moment);

// "YYYY-MM-DDTHH:MM:SSZ" of a UTC minute.
std::string format_utc_minute(std::int64_t minutes);

}  // namespace insights::availability
