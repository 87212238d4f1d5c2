#include "producers/synthetic_producer.h"

#include <fmt/format.h>

#include "producers/synthetic/availability_generator.h"
#include "producers/synthetic/meetings_generator.h"
#include "shared/log/log.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"

namespace insights::producers {

std::vector<ProducedJob> produce_synthetic(kafka::Producer& producer, const SyntheticRun& run) {
  const auto& dataset = schema::schema().dataset(run.dataset);
  const std::string operation = run.operation.empty() ? dataset.default_operation : run.operation;
  std::vector<ProducedJob> jobs;
  for (const auto& org : run.orgs) {
    schema::JobKey job{org, run.dataset, run.run_id};
    JobProducer out(producer, job, run.batch_records);
    auto emit = [&](std::string_view row) {
      out.add_row(row);
      producer.poll();
    };
    if (run.dataset == "meetings") {
      synthetic::generate_meetings({org, run.meetings_per_org, run.seed, "2026-11-24T23:30:00Z"}, emit);
    } else {
      synthetic::generate_availability(
          {org, run.locations, run.advisors_per_location, run.days, run.start_date, run.seed}, emit);
    }
    auto totals = out.finish(operation);
    log::info("job produced", {log::field("job", job.id()), log::field("records", totals.records),
                               log::field("batches", totals.batches), log::field("operation", operation)});
    jobs.push_back({std::move(job), totals});
  }
  producer.flush(std::chrono::minutes(2));
  return jobs;
}

}  // namespace insights::producers
