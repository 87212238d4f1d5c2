#include "producers/availability/synthetic_snapshot.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include <date/date.h>
#include <fmt/format.h>

#include "producers/availability/ids.h"
#include "producers/availability/minute_grid.h"
#include "producers/availability/time_text.h"
#include "shared/util/error.h"

namespace insights::availability {

namespace {

constexpr std::uint32_t kHorizonDays = 60;
constexpr std::int64_t kMinutesPerDay = 1440;

constexpr std::array<std::string_view, 6> kTimeZones = {"Europe/Oslo",     "America/New_York",    "Europe/London",
                                                        "Asia/Tokyo",      "Australia/Sydney",    "America/Chicago"};

// splitmix64: tiny, fast and identical on every platform, which keeps the snapshot deterministic.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t bound) { return static_cast<std::uint32_t>(next() % bound); }
  bool chance(std::uint32_t percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

ClockRange clock(unsigned from_hour, unsigned from_minute, unsigned to_hour, unsigned to_minute) {
  return {static_cast<std::uint16_t>(from_hour * 60 + from_minute), static_cast<std::uint16_t>(to_hour * 60 + to_minute)};
}

std::vector<MeetingType> meeting_types() {
  return {{"advice-30", "Financial advice", 30, 5},
          {"mortgage-60", "Mortgage meeting", 60, 10},
          {"pension-45", "Pension review", 45, 15},
          {"video-20", "Video call", 20, 0},
          {"onboarding-90", "Customer onboarding", 90, 15}};
}

LocalDate date_of(int y, unsigned m, unsigned d) {
  return static_cast<LocalDate>(
      date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch().count());
}

// Public holidays in the horizon, by the zone's country (approximate but realistic calendars).
std::vector<Holiday> holidays(std::string_view zone, LocalDate first, LocalDate last) {
  std::vector<Holiday> out;
  const int first_year = static_cast<int>(date::year_month_day{date::sys_days{date::days{first}}}.year());
  for (int y = first_year; y <= first_year + 1; ++y) {
    std::vector<Holiday> year = {{date_of(y, 12, 25), "Christmas Day"}, {date_of(y, 1, 1), "New Year's Day"}};
    if (zone.starts_with("Europe/") || zone.starts_with("Australia/")) year.push_back({date_of(y, 12, 26), "Boxing Day"});
    if (zone == "Europe/Oslo") year.push_back({date_of(y, 12, 24), "Christmas Eve"});
    if (zone.starts_with("America/")) {
      const date::sys_days thanksgiving{date::year{y} / date::November / date::Thursday[4]};
      year.push_back({static_cast<LocalDate>(thanksgiving.time_since_epoch().count()), "Thanksgiving"});
    }
    if (zone == "Asia/Tokyo") year.push_back({date_of(y, 1, 2), "Bank Holiday"});
    for (const auto& h : year) {
      if (h.date >= first && h.date <= last) out.push_back(h);
    }
  }
  std::sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

Location make_location(const std::string& org_id, std::uint32_t index, Random& random, LocalDate first,
                       LocalDate last) {
  Location location;
  location.id = fmt::format("loc-{}", index + 1);
  location.name = fmt::format("{} branch {}", org_id, index + 1);
  location.time_zone = std::string(kTimeZones[(hash_text(org_id) + index) % kTimeZones.size()]);
  const auto weekday = random.chance(50) ? clock(8, 0, 17, 0) : clock(9, 0, 18, 0);
  for (std::size_t day = 0; day < 5; ++day) location.opening_hours[day] = {weekday};
  location.opening_hours[3] = {clock(weekday.from / 60, 0, 19, 0)};  // late opening on Thursdays
  if (index % 2 == 1) location.opening_hours[5] = {clock(10, 0, 14, 0)};
  location.holidays = holidays(location.time_zone, first, last);
  if (random.chance(50)) location.closed_dates.push_back(first + static_cast<LocalDate>(random.below(last - first)));
  return location;
}

WeeklyHours weekday_hours(ClockRange range, std::size_t days) {
  WeeklyHours week;
  for (std::size_t day = 0; day < days; ++day) week[day] = {range};
  return week;
}

Advisor make_advisor(const std::string& id, const std::string& location_id, Random& random, LocalDate first) {
  static constexpr std::array<std::array<unsigned, 2>, 4> kShifts = {{{8, 16}, {9, 17}, {10, 18}, {8, 15}}};
  const auto shift = kShifts[random.below(kShifts.size())];
  Advisor advisor;
  advisor.id = id;
  advisor.name = fmt::format("Advisor {}", id);
  advisor.locations.push_back({location_id, weekday_hours(clock(shift[0], 0, shift[1], 0), random.chance(20) ? 4 : 5)});
  const auto lunch = random.chance(50) ? clock(11, 30, 12, 0) : clock(12, 0, 12, 30);
  advisor.breaks = weekday_hours(lunch, 5);
  const auto types = meeting_types();
  for (const auto& type : types) {
    if (random.chance(60)) advisor.meeting_types.push_back(type.id);
  }
  if (advisor.meeting_types.empty()) advisor.meeting_types.push_back(types.front().id);
  advisor.max_meetings_per_day = 4 + random.below(5);
  if (random.chance(25)) {  // a vacation of whole days
    const auto start = first + static_cast<LocalDate>(random.below(kHorizonDays - 10));
    advisor.absences.push_back({{start * kMinutesPerDay, false},
                                {(start + 3 + static_cast<LocalDate>(random.below(5))) * kMinutesPerDay, false},
                                "vacation"});
  }
  if (random.chance(20)) {  // a course from Tuesday 14:00 to Thursday 10:00
    const auto week_start = first + static_cast<LocalDate>(random.below(kHorizonDays - 10));
    const auto tuesday = week_start + static_cast<LocalDate>((8 - weekday_index(week_start)) % 7);
    advisor.absences.push_back({{tuesday * kMinutesPerDay + 14 * 60, false},
                                {(tuesday + 2) * kMinutesPerDay + 10 * 60, false},
                                "course"});
  }
  return advisor;
}

// Bookings on the advisor's working days at its first location, within working hours and outside breaks.
void add_bookings(Organisation& org, const Advisor& advisor, Random& random, LocalDate first, LocalDate last) {
  const auto& types = org.meeting_types;
  const auto& at = advisor.locations.front();
  for (LocalDate day = first; day <= last; ++day) {
    const auto& ranges = at.working_hours[weekday_index(day)];
    if (ranges.empty()) continue;
    const auto wanted = random.below(advisor.max_meetings_per_day + 2);
    std::vector<ClockRange> taken = advisor.breaks[weekday_index(day)];
    for (std::uint32_t n = 0, tries = 0; n < wanted && tries < wanted * 4; ++tries) {
      const auto& type_id = advisor.meeting_types[random.below(static_cast<std::uint32_t>(advisor.meeting_types.size()))];
      const auto type = std::find_if(types.begin(), types.end(), [&](const MeetingType& t) { return t.id == type_id; });
      const auto range = ranges.front();
      const auto length = static_cast<std::uint32_t>(range.to - range.from);
      if (length < type->duration_minutes) continue;
      const auto quarters = (length - type->duration_minutes) / 15 + 1;
      const auto start = static_cast<std::uint16_t>(range.from + random.below(quarters) * 15);
      const ClockRange meeting{start, static_cast<std::uint16_t>(start + type->duration_minutes)};
      const std::int64_t from = day * kMinutesPerDay + meeting.from;
      const std::int64_t to = day * kMinutesPerDay + meeting.to;
      const bool overlaps =
          std::any_of(taken.begin(), taken.end(),
                      [&](const ClockRange& t) { return meeting.from < t.to && t.from < meeting.to; }) ||
          std::any_of(advisor.absences.begin(), advisor.absences.end(),
                      [&](const Absence& a) { return from < a.end.minutes && a.start.minutes < to; });
      if (overlaps) continue;
      taken.push_back(meeting);
      ++n;
      org.bookings.push_back({fmt::format("bk-{}-{}", advisor.id, org.bookings.size() + 1), advisor.id,
                              at.location_id, type_id, Moment{from, false}, Moment{to, false}});
    }
  }
}

Organisation make_organisation(const std::string& id, const SyntheticSnapshotOptions& options, LocalDate first) {
  if (auto problem = id_problem(id, true); !problem.empty()) {
    throw Error(fmt::format("synthetic availability snapshot: {}; choose another organisation id", problem));
  }
  Random random(options.seed ^ hash_text(id));
  const LocalDate last = first + static_cast<LocalDate>(kHorizonDays) - 1;
  Organisation org;
  org.id = id;
  org.name = fmt::format("Organisation {}", id);
  org.insights_enabled = true;
  org.settings.horizon_days = kHorizonDays;
  org.meeting_types = meeting_types();
  for (std::uint32_t l = 0; l < options.locations_per_org; ++l) {
    org.locations.push_back(make_location(id, l, random, first, last));
  }
  for (std::uint32_t l = 0; l < options.locations_per_org; ++l) {
    for (std::uint32_t a = 0; a < options.advisors_per_location; ++a) {
      auto advisor = make_advisor(fmt::format("adv-{}-{}", l + 1, a + 1), org.locations[l].id, random, first);
      if (a == 0 && options.locations_per_org > 1) {
        // Also serves the next location on Fridays (and not at home then).
        auto& home = advisor.locations.front().working_hours;
        AdvisorLocation next{org.locations[(l + 1) % options.locations_per_org].id, {}};
        next.working_hours[4] = home[0];
        home[4].clear();
        advisor.locations.push_back(std::move(next));
      }
      add_bookings(org, advisor, random, first, last);
      org.advisors.push_back(std::move(advisor));
    }
  }
  return org;
}

}  // namespace

Snapshot synthetic_snapshot(const SyntheticSnapshotOptions& options) {
  LocalDate run_day = 0;
  try {
    run_day = parse_date(options.run_date);
  } catch (const Error& e) {
    throw Error(fmt::format("synthetic availability snapshot: bad run date: {}; use YYYY-MM-DD", e.what()));
  }
  Snapshot snapshot;
  snapshot.exported_at = format_date(run_day) + "T22:00:00Z";
  for (const auto& id : options.orgs) snapshot.organisations.push_back(make_organisation(id, options, run_day + 1));
  return snapshot;
}

}  // namespace insights::availability
