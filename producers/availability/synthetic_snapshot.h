#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "producers/availability/snapshot.h"

namespace insights::availability {

struct SyntheticSnapshotOptions {
  std::vector<std::string> orgs;
  std::uint32_t locations_per_org = 2;
  std::uint32_t advisors_per_location = 5;
  std::uint64_t seed = 1;
  std::string run_date = "2026-11-24";  // the horizon (60 days) starts the day after
};

// A realistic snapshot for demos and load tests: locations in several time zones (with and without daylight
// saving), opening hours, holidays and closed dates, advisors with working hours, breaks, absences of days and of
// hours, meeting type subsets, daily maximums, bookings, and one advisor per location who also serves the next
// location. Every organisation has Insights enabled. Deterministic for the same options; throws insights::Error
// on an invalid org id or run date.
Snapshot synthetic_snapshot(const SyntheticSnapshotOptions& options);

}  // namespace insights::availability
