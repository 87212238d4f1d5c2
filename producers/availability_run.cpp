#include "producers/availability_run.h"

#include "producers/availability/simulation.h"
#include "producers/run_id.h"
#include "shared/schema/schema.h"

namespace insights::producers {

std::vector<ProducedJob> produce_availability(kafka::Producer& producer, const availability::Snapshot& snapshot,
                                              const std::string& snapshot_json, const AvailabilityRun& run) {
  const std::string operation = run.operation.empty() ? schema::schema().dataset("availability").default_operation : run.operation;
  const std::string run_id = run.run_id.empty() ? derived_run_id(run.run_date, snapshot_json) : run.run_id;
  const availability::SimulationOptions options{run.run_date};
  std::vector<ProducedJob> jobs;
  for (const auto& org : availability::enabled_organisations(snapshot)) {
    const JobSpec spec{{org, "availability", run_id}, operation, run.batch_records,
                       availability::organisation_row_count(snapshot, org, options), run.terminal};
    jobs.push_back(produce_job(producer, spec, [&](const auto& sink) {
      availability::simulate_organisation(snapshot, org, options, sink);
    }));
  }
  producer.flush(std::chrono::minutes(5));
  return jobs;
}

}  // namespace insights::producers
