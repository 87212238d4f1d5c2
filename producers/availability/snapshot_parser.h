#pragma once
#include <filesystem>
#include <string_view>

#include "producers/availability/snapshot.h"

namespace insights::availability {

// Reads and checks a whole snapshot (docs/availability-snapshot.md) before anything is simulated. A broken one
// throws insights::Error naming the file, the JSON location (e.g. `organisations[1].locations[0].time_zone`) and
// what is wrong.
Snapshot load_snapshot(const std::filesystem::path& file);
Snapshot parse_snapshot(std::string_view json, std::string_view source_name);

}  // namespace insights::availability
