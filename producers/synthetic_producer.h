#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "producers/availability_run.h"
#include "producers/meetings_run.h"

namespace insights::producers {

// One night of synthetic input (a snapshot, an export and its reference data, written to `input_dir`), run
// through the real producers: for the demo, load tests and `insights produce ... --synthetic`.
struct SyntheticNight {
  std::vector<std::string> orgs;
  std::filesystem::path input_dir;
  std::string run_date;
  std::string run_id;                 // empty: derived from the input
  std::string operation;              // empty: the dataset's default
  std::uint64_t batch_records = 100'000;
  std::uint64_t meetings_per_org = 10'000;
  std::uint32_t locations_per_org = 2;
  std::uint32_t advisors_per_location = 5;
  std::uint64_t seed = 1;
  bool terminal = false;
};

std::vector<ProducedJob> produce_synthetic_availability(kafka::Producer& producer, const SyntheticNight& night);
MeetingsResult produce_synthetic_meetings(kafka::Producer& producer, const SyntheticNight& night);

}  // namespace insights::producers
