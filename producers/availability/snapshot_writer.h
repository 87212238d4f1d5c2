#pragma once
#include <string>

#include "producers/availability/snapshot.h"

namespace insights::availability {

// The snapshot as compact JSON in the format load_snapshot reads (docs/availability-snapshot.md):
// parse_snapshot(snapshot_to_json(s)) gives back s.
std::string snapshot_to_json(const Snapshot& snapshot);

}  // namespace insights::availability
