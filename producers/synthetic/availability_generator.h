#pragma once
#include <cstdint>
#include <string>

#include "producers/synthetic/row_sink.h"

namespace insights::synthetic {

struct AvailabilityOptions {
  std::string org;
  std::uint32_t locations = 2;
  std::uint32_t advisors_per_location = 5;
  std::uint32_t days = 60;
  std::string start_date = "2026-11-25";
  std::uint64_t seed = 1;
};

// Emits one `availability` row per advisor per location per hour (24 * days) from start_date 00:00 UTC, ordered
// by location, advisor, hour. Deterministic; an advisor's day depends only on (seed, org, location, advisor, date).
// Throws insights::Error on an invalid org id or start_date.
void generate_availability(const AvailabilityOptions& options, const RowSink& emit);

// locations * advisors_per_location * 24 * days
std::uint64_t availability_row_count(const AvailabilityOptions& options);

}  // namespace insights::synthetic
