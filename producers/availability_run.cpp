#include "producers/availability_run.h"

#include "producers/availability/simulation.h"
#include "producers/progress.h"
#include "producers/run_id.h"
#include "shared/log/log.h"
#include "shared/schema/schema.h"

namespace insights::producers {

std::vector<ProducedJob> produce_availability(kafka::Producer& producer, const availability::Snapshot& snapshot,
                                              const std::string& snapshot_json, const AvailabilityRun& run) {
  const std::string operation = run.operation.empty() ? schema::schema().dataset("availability").default_operation : run.operation;
  const std::string run_id = run.run_id.empty() ? derived_run_id(run.run_date, snapshot_json) : run.run_id;
  const availability::SimulationOptions options{run.run_date};
  std::vector<ProducedJob> jobs;
  for (const auto& org : availability::enabled_organisations(snapshot)) {
    schema::JobKey job{org, "availability", run_id};
    JobProducer out(producer, job, run.batch_records);
    Progress progress("availability " + org, availability::organisation_row_count(snapshot, org, options), run.terminal);
    availability::simulate_organisation(snapshot, org, options, [&](std::string_view row) {
      out.add_row(row);
      producer.poll();
      progress.add();
    });
    progress.finish();
    const auto totals = out.finish(operation);
    log::info("job produced", {log::field("job", job.id()), log::field("records", totals.records),
                               log::field("batches", totals.batches), log::field("operation", operation)});
    jobs.push_back({std::move(job), totals});
  }
  producer.flush(std::chrono::minutes(5));
  return jobs;
}

}  // namespace insights::producers
