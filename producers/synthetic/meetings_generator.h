#pragma once
#include <cstdint>
#include <string>

#include "producers/synthetic/row_sink.h"

namespace insights::synthetic {

struct MeetingsOptions {
  std::string org;
  std::uint64_t count = 1000;
  std::uint64_t seed = 1;
  std::string as_of = "2026-11-24T23:30:00Z";
};

// Emits `count` completed meetings (rows of the `meetings` dataset) of one organisation that took place in the
// 180 days before as_of. Deterministic for equal options; meeting n is the same whatever the count.
// Throws insights::Error on an invalid org id or as_of.
void generate_meetings(const MeetingsOptions& options, const RowSink& emit);

}  // namespace insights::synthetic
