#include "producers/availability/simulation.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "producers/availability/advisor_grid.h"
#include "producers/availability/horizon.h"
#include "producers/availability/ids.h"
#include "producers/availability/location_grid.h"
#include "producers/availability/row_writer.h"
#include "producers/availability/time_text.h"
#include "shared/util/error.h"

namespace insights::availability {

namespace {

const Organisation& find_organisation(const Snapshot& snapshot, const std::string& org_id) {
  const auto it = std::find_if(snapshot.organisations.begin(), snapshot.organisations.end(),
                               [&](const Organisation& o) { return o.id == org_id; });
  if (it == snapshot.organisations.end()) {
    throw Error(fmt::format("organisation '{}' is not in the snapshot; check the organisation id", org_id));
  }
  return *it;
}

LocalDate first_local_day(const SimulationOptions& options) {
  try {
    return parse_date(options.run_date) + 1;
  } catch (const Error& e) {
    throw Error(fmt::format("bad availability run date: {}; give the run's UTC date as YYYY-MM-DD", e.what()));
  }
}

void check_id(std::string_view id, bool organisation, std::string_view org_id) {
  if (auto problem = id_problem(id, organisation); !problem.empty()) {
    throw Error(fmt::format("organisation '{}': {}; fix the snapshot", org_id, problem));
  }
}

template <typename T>
std::size_t index_of(const std::vector<T>& items, std::string_view id, std::string_view what,
                     std::string_view org_id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  if (it == items.end()) {
    throw Error(fmt::format("organisation '{}' refers to unknown {} '{}'; fix the snapshot", org_id, what, id));
  }
  return static_cast<std::size_t>(it - items.begin());
}

bool selected(const Organisation& org, const Location& location) {
  const auto& only = org.settings.locations;
  return only.empty() || std::find(only.begin(), only.end(), location.id) != only.end();
}

const AdvisorLocation* serving(const Advisor& advisor, const std::string& location_id) {
  for (const auto& at : advisor.locations) {
    if (at.location_id == location_id) return &at;
  }
  return nullptr;
}

// An organisation with its references resolved and ids checked once, before any row.
class OrganisationPlan {
 public:
  OrganisationPlan(const Organisation& org, LocalDate first_day) : org_(org), first_day_(first_day) {
    const auto step = org.settings.granularity_minutes;
    if (step == 0 || 60 % step != 0 || org.settings.horizon_days == 0) {
      throw Error(fmt::format("organisation '{}': horizon_days must be positive and granularity_minutes divide an "
                              "hour; fix the snapshot's settings",
                              org.id));
    }
    check_id(org.id, true, org.id);
    for (const auto& type : org.meeting_types) check_id(type.id, false, org.id);
    for (const auto& location : org.locations) {
      check_id(location.id, false, org.id);
      calendars_.push_back(horizon_calendar(find_time_zone(location.time_zone), first_day, org.settings.horizon_days));
    }
    bookings_.resize(org.advisors.size());
    for (std::size_t a = 0; a < org.advisors.size(); ++a) {
      check_id(org.advisors[a].id, false, org.id);
      advisor_index_.emplace(org.advisors[a].id, a);
      for (const auto& at : org.advisors[a].locations) index_of(org.locations, at.location_id, "location", org.id);
      for (const auto& type : org.advisors[a].meeting_types) index_of(org.meeting_types, type, "meeting type", org.id);
    }
    for (const auto& booking : org.bookings) add_booking(booking);
  }

  std::uint64_t run(const std::function<void(std::string_view)>& emit) {
    std::uint64_t rows = 0;
    for (std::size_t l = 0; l < org_.locations.size(); ++l) {
      if (selected(org_, org_.locations[l])) rows += run_location(l, emit);
    }
    return rows;
  }

  std::uint64_t count() const {
    std::uint64_t rows = 0;
    for (std::size_t l = 0; l < org_.locations.size(); ++l) {
      if (!selected(org_, org_.locations[l])) continue;
      const auto horizon = make_horizon(calendars_[l], first_day_, org_.settings.horizon_days);
      const auto advisors = std::count_if(org_.advisors.begin(), org_.advisors.end(), [&](const Advisor& a) {
        return serving(a, org_.locations[l].id) != nullptr;
      });
      rows += static_cast<std::uint64_t>(advisors) * slot_count(horizon);
    }
    return rows;
  }

 private:
  struct Booked {
    std::int64_t start;
    std::int64_t end;
    std::size_t location;
  };

  void add_booking(const Booking& booking) {
    const auto advisor = advisor_index_.find(booking.advisor_id);
    if (advisor == advisor_index_.end()) {
      throw Error(fmt::format("organisation '{}': booking '{}' names unknown advisor '{}'; fix the snapshot", org_.id,
                              booking.id, booking.advisor_id));
    }
    const auto location = index_of(org_.locations, booking.location_id, "location", org_.id);
    const auto& calendar = calendars_[location];
    bookings_[advisor->second].push_back({calendar.to_utc(booking.start), calendar.to_utc(booking.end), location});
  }

  std::uint64_t slot_count(const Horizon& horizon) const {
    const auto step = org_.settings.granularity_minutes;
    return static_cast<std::uint64_t>((horizon.end - horizon.origin + step - 1) / step);
  }

  std::vector<BookableType> bookable_types(const Advisor& advisor) const {
    std::vector<BookableType> types;
    for (const auto& type : org_.meeting_types) {
      if (std::find(advisor.meeting_types.begin(), advisor.meeting_types.end(), type.id) !=
          advisor.meeting_types.end()) {
        types.push_back({type.duration_minutes + type.buffer_minutes, type.id});
      }
    }
    return types;
  }

  std::uint64_t run_location(std::size_t l, const std::function<void(std::string_view)>& emit) {
    const auto& location = org_.locations[l];
    const auto& calendar = calendars_[l];
    const auto horizon = make_horizon(calendar, first_day_, org_.settings.horizon_days);
    const MinuteGrid base = location_grid(location, calendar, horizon);
    const auto step = org_.settings.granularity_minutes;
    const auto slots = slot_count(horizon);
    std::uint64_t rows = 0;
    for (std::size_t a = 0; a < org_.advisors.size(); ++a) {
      const auto& advisor = org_.advisors[a];
      const auto* at = serving(advisor, location.id);
      if (at == nullptr) continue;
      AdvisorAtLocation painted{&at->working_hours, &advisor, {}};
      for (const auto& b : bookings_[a]) painted.bookings.push_back({b.start, b.end, b.location == l});
      grid_ = base;
      paint_advisor(grid_, calendar, horizon, painted);
      free_runs(grid_, runs_);
      RowWriter writer(org_.id, location.id, advisor.id, bookable_types(advisor));
      for (std::uint64_t s = 0; s < slots; ++s) {
        const auto begin = static_cast<std::size_t>(s * step);
        const auto slot = summarise_slot(grid_.flags(), runs_, begin, step);
        emit(writer.write(horizon.origin + static_cast<std::int64_t>(begin), slot, step));
      }
      rows += slots;
    }
    return rows;
  }

  const Organisation& org_;
  LocalDate first_day_;
  std::vector<LocalCalendar> calendars_;
  std::unordered_map<std::string, std::size_t> advisor_index_;
  std::vector<std::vector<Booked>> bookings_;
  MinuteGrid grid_;
  std::vector<std::uint32_t> runs_;
};

}  // namespace

std::vector<std::string> enabled_organisations(const Snapshot& snapshot) {
  std::vector<std::string> ids;
  for (const auto& org : snapshot.organisations) {
    if (org.insights_enabled) ids.push_back(org.id);
  }
  return ids;
}

std::uint64_t simulate_organisation(const Snapshot& snapshot, const std::string& org_id,
                                    const SimulationOptions& options,
                                    const std::function<void(std::string_view row_json)>& emit) {
  const auto& org = find_organisation(snapshot, org_id);
  const auto first_day = first_local_day(options);
  if (!org.insights_enabled) return 0;
  OrganisationPlan plan(org, first_day);
  return plan.run(emit);
}

std::uint64_t organisation_row_count(const Snapshot& snapshot, const std::string& org_id,
                                     const SimulationOptions& options) {
  const auto& org = find_organisation(snapshot, org_id);
  const auto first_day = first_local_day(options);
  if (!org.insights_enabled) return 0;
  return OrganisationPlan(org, first_day).count();
}

}  // namespace insights::availability
