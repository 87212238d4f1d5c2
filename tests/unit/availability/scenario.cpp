#include "tests/unit/availability/scenario.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <stdexcept>

#include "producers/availability/time_text.h"

namespace insights::availability::test {

Organisation basic_organisation(const std::string& zone) {
  Organisation org;
  org.id = "acme";
  org.insights_enabled = true;
  org.settings.horizon_days = 1;
  org.meeting_types = {{"short-30", "Short", 30, 0}, {"long-60", "Long", 45, 15}};
  Location location;
  location.id = "oslo";
  location.time_zone = zone;
  location.opening_hours = every_day("00:00-24:00");
  org.locations.push_back(location);
  Advisor advisor;
  advisor.id = "adv-1";
  advisor.locations.push_back({"oslo", every_day("00:00-24:00")});
  advisor.meeting_types = {"short-30", "long-60"};
  org.advisors.push_back(advisor);
  return org;
}

Snapshot snapshot_of(Organisation org) {
  Snapshot snapshot;
  snapshot.organisations.push_back(std::move(org));
  return snapshot;
}

WeeklyHours every_day(std::string_view range) {
  WeeklyHours week;
  for (auto& day : week) day = {parse_clock_range(range)};
  return week;
}

WeeklyHours weekdays(std::string_view range) {
  WeeklyHours week;
  for (std::size_t day = 0; day < 5; ++day) week[day] = {parse_clock_range(range)};
  return week;
}

Moment local(std::string_view text) { return parse_moment(text, false); }

Booking booking(std::string id, std::string location, std::string type, std::string_view start, std::string_view end) {
  return {std::move(id), "adv-1", std::move(location), std::move(type), local(start), local(end)};
}

std::vector<std::string> raw_rows(const Snapshot& snapshot, const std::string& org, const std::string& run_date) {
  std::vector<std::string> rows;
  const auto count = simulate_organisation(snapshot, org, SimulationOptions{run_date},
                                           [&](std::string_view row) { rows.emplace_back(row); });
  if (count != rows.size()) throw std::logic_error("simulate_organisation miscounted its rows");
  return rows;
}

std::vector<std::string> brief_rows(const Snapshot& snapshot, const std::string& org, const std::string& run_date) {
  std::vector<std::string> out;
  for (const auto& row : raw_rows(snapshot, org, run_date)) out.push_back(brief(row));
  return out;
}

std::string brief(std::string_view row_json) {
  rapidjson::Document doc;
  doc.Parse(row_json.data(), row_json.size());
  if (doc.HasParseError()) return "unparsable row: " + std::string(row_json);
  std::string types;
  for (const auto& t : doc["bookable_meeting_types"].GetArray()) {
    if (!types.empty()) types += ',';
    types += t.GetString();
  }
  const std::string reason = doc["reason"].GetString();
  return fmt::format("{} {} {} {} {} {}", doc["hour_start"].GetString(), doc["status"].GetString(),
                     doc["available_minutes"].GetInt(), doc["booked_minutes"].GetInt(), reason.empty() ? "-" : reason,
                     types.empty() ? "-" : types);
}

std::vector<std::string> hours(std::string_view first_hour, int count, std::string_view rest) {
  const auto first = parse_moment(std::string(first_hour) + ":00Z", false);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(fmt::format("{} {}", format_utc_minute(first.minutes + 60 * i), rest));
  return out;
}

std::vector<std::string> concat(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

}  // namespace insights::availability::test
