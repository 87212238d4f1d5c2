#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "producers/job_producer.h"
#include "shared/kafka/producer.h"

namespace insights::producers {

// One night of synthetic input for the demo and load tests.
struct SyntheticRun {
  std::string dataset;                 // meetings | availability
  std::vector<std::string> orgs;
  std::string run_id;
  std::string operation;               // empty: the dataset's default
  std::uint64_t batch_records = 100'000;
  std::uint64_t meetings_per_org = 10'000;
  std::uint32_t locations = 2;
  std::uint32_t advisors_per_location = 5;
  std::uint32_t days = 60;
  std::string start_date = "2026-11-25";
  std::uint64_t seed = 1;
};

struct ProducedJob {
  schema::JobKey job;
  JobTotals totals;
};

// Produces one job per organisation and flushes; throws insights::Error when delivery fails.
std::vector<ProducedJob> produce_synthetic(kafka::Producer& producer, const SyntheticRun& run);

}  // namespace insights::producers
