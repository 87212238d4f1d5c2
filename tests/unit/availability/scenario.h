#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "producers/availability/availability.h"

namespace insights::availability::test {

// A one-location, one-advisor organisation "acme" with location "oslo" in `zone`, open every day all day,
// an advisor "adv-1" who works every day all day and can hold "short-30" (30 min, no buffer) and
// "long-60" (45 min + 15 min buffer). Tests change what they examine.
Organisation basic_organisation(const std::string& zone = "Europe/Oslo");
Snapshot snapshot_of(Organisation org);

WeeklyHours every_day(std::string_view range);
WeeklyHours weekdays(std::string_view range);
Moment local(std::string_view text);  // "YYYY-MM-DDTHH:MM" wall clock
Booking booking(std::string id, std::string location, std::string type, std::string_view start, std::string_view end);

// Each row as "hour_start status available booked reason types", e.g.
// "2026-12-01T13:00:00Z partially_available 15 45 fully_booked short-30", with "-" for an empty reason.
std::vector<std::string> brief_rows(const Snapshot& snapshot, const std::string& org, const std::string& run_date);
std::vector<std::string> raw_rows(const Snapshot& snapshot, const std::string& org, const std::string& run_date);
std::string brief(std::string_view row_json);

// `count` consecutive UTC hours from `first_hour` ("YYYY-MM-DDTHH"), each followed by `rest`.
std::vector<std::string> hours(std::string_view first_hour, int count, std::string_view rest);
std::vector<std::string> concat(std::initializer_list<std::vector<std::string>> parts);

}  // namespace insights::availability::test
