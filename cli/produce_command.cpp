#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "cli/commands.h"
#include "producers/synthetic_producer.h"
#include "shared/kafka/topic_admin.h"
#include "shared/log/log.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"

namespace insights::cli {
namespace {

struct ProduceOptions {
  bool synthetic = false;
  std::string orgs = "acme,northbank";
  std::uint64_t meetings = 10'000;
  std::uint32_t locations = 2;
  std::uint32_t advisors = 5;
  std::uint32_t days = 60;
  std::string start_date;
  std::string operation;
  std::uint64_t seed = 1;
  std::string run_id;
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    auto part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string today_utc(int plus_days) {
  auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(plus_days);
  return fmt::format("{:%Y-%m-%d}", fmt::gmtime(std::chrono::system_clock::to_time_t(day)));
}

void run_produce(const GlobalOptions& global, const std::string& dataset, const ProduceOptions& options) {
  if (!options.synthetic) {
    throw Error("reading a BookMe export or snapshot is not available in this version; use --synthetic");
  }
  auto config = load_config(global);
  producers::SyntheticRun run;
  run.dataset = dataset;
  run.orgs = split(options.orgs);
  if (run.orgs.empty()) throw Error("--orgs names no organisation");
  run.run_id = options.run_id.empty() ? config.get("producer.run_id") : options.run_id;
  if (run.run_id.empty()) run.run_id = fmt::format("{}", today_utc(0));
  run.operation = options.operation;
  run.batch_records = static_cast<std::uint64_t>(config.get_int("producer.batch_records"));
  run.meetings_per_org = options.meetings;
  run.locations = options.locations;
  run.advisors_per_location = options.advisors;
  run.days = options.days;
  run.start_date = options.start_date.empty() ? today_utc(1) : options.start_date;
  run.seed = options.seed;
  const auto properties = kafka_properties(config);
  const int partitions = static_cast<int>(config.get_int("kafka.topic_partitions"));
  kafka::ensure_topics(properties, {{schema::schema().dataset(dataset).topic, partitions}}, std::chrono::seconds(30));
  kafka::Producer producer(properties);
  const auto started = std::chrono::steady_clock::now();
  auto jobs = producers::produce_synthetic(producer, run);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& job : jobs) {
    fmt::print("{}\t{} records\t{} batches\n", job.job.id(), job.totals.records, job.totals.batches);
  }
  std::uint64_t total = 0;
  for (const auto& job : jobs) total += job.totals.records;
  fmt::print("produced {} records in {:.1f} s ({:.0f} records/s)\n", total, seconds, seconds > 0 ? total / seconds : 0.0);
}

}  // namespace

void add_produce_command(CLI::App& app, const GlobalOptions& global) {
  auto* produce = app.add_subcommand("produce", "Produce one run of a dataset's records to Kafka");
  produce->require_subcommand(1);
  auto options = std::make_shared<ProduceOptions>();
  for (const auto& dataset : schema::schema().datasets) {
    auto* sub = produce->add_subcommand(dataset.name, "Produce the " + dataset.label + " dataset");
    sub->add_flag("--synthetic", options->synthetic, "Generate realistic synthetic input");
    sub->add_option("--orgs", options->orgs, "Comma-separated organisation ids")->capture_default_str();
    sub->add_option("--run-id", options->run_id,
                    "Run id (default: producer.run_id, else today's UTC date). The same run id must always carry the "
                    "same records: a re-run is recognised and never uploaded twice");
    sub->add_option("--operation", options->operation, "Overwrite, Upsert or Append (default: the dataset's)");
    sub->add_option("--seed", options->seed, "Seed of the synthetic generator")->capture_default_str();
    if (dataset.name == "meetings") {
      sub->add_option("--meetings", options->meetings, "Meetings per organisation")->capture_default_str();
    } else {
      sub->add_option("--locations", options->locations, "Locations per organisation")->capture_default_str();
      sub->add_option("--advisors", options->advisors, "Advisors per location")->capture_default_str();
      sub->add_option("--days", options->days, "Days simulated")->capture_default_str();
      sub->add_option("--start-date", options->start_date, "First simulated day, YYYY-MM-DD (default: tomorrow, UTC)");
    }
    sub->callback([&global, options, name = dataset.name] { run_produce(global, name, *options); });
  }
}

}  // namespace insights::cli
