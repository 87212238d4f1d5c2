#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "producers/availability/snapshot.h"

namespace insights::availability {

struct SimulationOptions {
  std::string run_date;  // YYYY-MM-DD, the nightly run's UTC date; the horizon starts the local day after
};

// Ids of the organisations whose Insights feature is enabled, in snapshot order.
std::vector<std::string> enabled_organisations(const Snapshot& snapshot);

// Emits the `availability` rows of one organisation in a deterministic order (location, advisor, slot, in snapshot
// order) and returns how many. An organisation with Insights disabled emits nothing. Throws insights::Error for
// an unknown organisation, a bad run date or a snapshot that breaks the rules load_snapshot checks.
std::uint64_t simulate_organisation(const Snapshot& snapshot, const std::string& org_id,
                                    const SimulationOptions& options,
                                    const std::function<void(std::string_view row_json)>& emit);

// How many rows simulate_organisation will emit, without simulating (for progress and ETA).
std::uint64_t organisation_row_count(const Snapshot& snapshot, const std::string& org_id,
                                     const SimulationOptions& options);

}  // namespace insights::availability
