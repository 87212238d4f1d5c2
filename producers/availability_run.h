#pragma once
#include <string>
#include <vector>

#include "producers/availability/snapshot.h"
#include "producers/job_producer.h"
#include "shared/kafka/producer.h"

namespace insights::producers {

struct AvailabilityRun {
  std::string run_date;        // YYYY-MM-DD, the nightly run's UTC date
  std::string run_id;          // empty: derived from the run date and the snapshot
  std::string operation;       // empty: the dataset's default (Overwrite)
  std::uint64_t batch_records = 100'000;
  bool terminal = false;       // progress as a live line
};

// Simulates every enabled organisation of the snapshot and produces one job each; flushes before returning and
// throws insights::Error when delivery fails.
std::vector<ProducedJob> produce_availability(kafka::Producer& producer, const availability::Snapshot& snapshot,
                                              const std::string& snapshot_json, const AvailabilityRun& run);

}  // namespace insights::producers
