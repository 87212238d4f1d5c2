#include <fmt/format.h>

#include <chrono>

#include "cli/commands.h"
#include "producers/availability/snapshot_parser.h"
#include "producers/availability/snapshot_writer.h"
#include "producers/meetings_run.h"
#include "producers/progress.h"
#include "producers/run_id.h"
#include "producers/synthetic_producer.h"
#include "shared/kafka/topic_admin.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"

namespace insights::cli {
namespace {

struct ProduceOptions {
  bool synthetic = false;
  std::string snapshot;
  std::string export_file;
  std::string reference;
  std::string watermarks;
  std::string input_dir;
  std::string orgs = "acme,northbank";
  std::uint64_t meetings = 10'000;
  std::uint32_t locations = 2;
  std::uint32_t advisors = 5;
  std::uint64_t seed = 1;
  std::string run_date;
  std::string run_id;
  std::string operation;
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

void print_jobs(const std::vector<producers::ProducedJob>& jobs, std::chrono::steady_clock::time_point started) {
  std::uint64_t total = 0;
  for (const auto& job : jobs) {
    fmt::print("{}\t{} records\t{} batches\n", job.job.id(), job.totals.records, job.totals.batches);
    total += job.totals.records;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("produced {} records in {} jobs in {:.1f} s ({:.0f} records/s)\n", total, jobs.size(), seconds,
             seconds > 0 ? static_cast<double>(total) / seconds : 0.0);
}

struct Session {
  config::Config config;
  kafka::Properties properties;
  std::unique_ptr<kafka::Producer> producer;
  std::string run_date;
  std::string run_id;
  std::uint64_t batch_records;
};

Session open_session(const GlobalOptions& global, const std::string& dataset, const ProduceOptions& options) {
  auto config = load_config(global);
  auto properties = kafka_properties(config);
  const int partitions = static_cast<int>(config.get_int("kafka.topic_partitions"));
  kafka::ensure_topics(properties, {{schema::schema().dataset(dataset).topic, partitions}}, std::chrono::seconds(30));
  auto producer = std::make_unique<kafka::Producer>(properties);
  std::string run_date = options.run_date.empty() ? producers::utc_today() : options.run_date;
  std::string run_id = options.run_id.empty() ? config.get("producer.run_id") : options.run_id;
  const auto batch_records = static_cast<std::uint64_t>(config.get_int("producer.batch_records"));
  return {std::move(config), std::move(properties), std::move(producer), std::move(run_date), std::move(run_id), batch_records};
}

producers::SyntheticNight synthetic_night(const Session& session, const ProduceOptions& options) {
  producers::SyntheticNight night;
  night.orgs = split(options.orgs);
  if (night.orgs.empty()) throw Error("--orgs names no organisation");
  night.input_dir = options.input_dir.empty() ? std::filesystem::path("var/synthetic") / session.run_date
                                              : std::filesystem::path(options.input_dir);
  night.run_date = session.run_date;
  night.run_id = session.run_id;
  night.operation = options.operation;
  night.batch_records = session.batch_records;
  night.meetings_per_org = options.meetings;
  night.locations_per_org = options.locations;
  night.advisors_per_location = options.advisors;
  night.seed = options.seed;
  night.terminal = producers::stderr_is_terminal();
  return night;
}

void run_availability(const GlobalOptions& global, const ProduceOptions& options) {
  if (options.synthetic == !options.snapshot.empty()) throw Error("give either --snapshot FILE or --synthetic");
  auto session = open_session(global, "availability", options);
  const auto started = std::chrono::steady_clock::now();
  std::vector<producers::ProducedJob> jobs;
  if (options.synthetic) {
    auto night = synthetic_night(session, options);
    jobs = producers::produce_synthetic_availability(*session.producer, night);
    fmt::print("synthetic snapshot written to {}\n", (night.input_dir / "snapshot.json").string());
  } else {
    // The whole snapshot is checked before anything is produced.
    const auto snapshot = availability::load_snapshot(options.snapshot);
    jobs = producers::produce_availability(*session.producer, snapshot, availability::snapshot_to_json(snapshot),
                                           {session.run_date, session.run_id, options.operation, session.batch_records,
                                            producers::stderr_is_terminal()});
  }
  print_jobs(jobs, started);
}

void print_export_stats(const meetings::ExportStats& stats) {
  fmt::print("export: {} lines, {} exported, {} not completed, {} unchanged since the watermark, {} of organisations "
             "without Insights, {} bad lines\n",
             stats.lines, stats.exported, stats.not_completed, stats.unchanged, stats.org_disabled, stats.bad_lines);
  for (const auto& problem : stats.problems) fmt::print("bad line: {}\n", problem);
}

void run_meetings(const GlobalOptions& global, const ProduceOptions& options) {
  const bool from_files = !options.export_file.empty() || !options.reference.empty();
  if (options.synthetic == from_files) throw Error("give either --export FILE --reference FILE, or --synthetic");
  if (from_files && (options.export_file.empty() || options.reference.empty())) {
    throw Error("--export and --reference go together: the export is enriched from the reference data");
  }
  auto session = open_session(global, "meetings", options);
  const auto started = std::chrono::steady_clock::now();
  producers::MeetingsResult result;
  if (options.synthetic) {
    auto night = synthetic_night(session, options);
    result = producers::produce_synthetic_meetings(*session.producer, night);
    fmt::print("synthetic export written to {}\n", night.input_dir.string());
  } else {
    producers::MeetingsRun run;
    run.export_file = options.export_file;
    run.reference_file = options.reference;
    run.watermark_dir = options.watermarks.empty() ? session.config.get("producer.watermark_dir") : options.watermarks;
    run.run_date = session.run_date;
    run.run_id = session.run_id;
    run.operation = options.operation;
    run.batch_records = session.batch_records;
    run.terminal = producers::stderr_is_terminal();
    result = producers::produce_meetings(*session.producer, run);
  }
  print_export_stats(result.stats);
  print_jobs(result.jobs, started);
}

void add_common(CLI::App* sub, ProduceOptions& options) {
  sub->add_option("--run-date", options.run_date, "The nightly run's UTC date, YYYY-MM-DD (default: today)");
  sub->add_option("--run-id", options.run_id,
                  "Run id of the jobs (default: producer.run_id, else derived from the run date and the input, so a "
                  "re-run of the same input is recognised and never uploaded twice)");
  sub->add_option("--operation", options.operation, "Overwrite, Upsert or Append (default: the dataset's)");
  sub->add_flag("--synthetic", options.synthetic, "Generate realistic synthetic input (written under --input-dir) and use it");
  sub->add_option("--input-dir", options.input_dir, "Where --synthetic writes its input (default: var/synthetic/<run date>)");
  sub->add_option("--orgs", options.orgs, "--synthetic: comma-separated organisation ids")->capture_default_str();
  sub->add_option("--seed", options.seed, "--synthetic: seed of the generator")->capture_default_str();
}

}  // namespace

void add_produce_command(CLI::App& app, const GlobalOptions& global) {
  auto* produce = app.add_subcommand("produce", "Produce one night of a dataset's records to Kafka");
  produce->require_subcommand(1);
  auto options = std::make_shared<ProduceOptions>();

  auto* availability = produce->add_subcommand("availability", "Simulate advisor availability for the next 60 days");
  availability->add_option("--snapshot", options->snapshot, "Organisation snapshot (JSON, docs/availability-snapshot.md)");
  availability->add_option("--locations", options->locations, "--synthetic: locations per organisation")->capture_default_str();
  availability->add_option("--advisors", options->advisors, "--synthetic: advisors per location")->capture_default_str();
  add_common(availability, *options);
  availability->callback([&global, options] { run_availability(global, *options); });

  auto* meetings = produce->add_subcommand("meetings", "Export new and modified completed meetings");
  meetings->add_option("--export", options->export_file, "BookMe meetings export (NDJSON, docs/meetings-export.md)");
  meetings->add_option("--reference", options->reference, "Reference data (JSON, docs/meetings-export.md)");
  meetings->add_option("--watermarks", options->watermarks, "Watermark directory (default: producer.watermark_dir)");
  meetings->add_option("--meetings", options->meetings, "--synthetic: meetings per organisation")->capture_default_str();
  add_common(meetings, *options);
  meetings->callback([&global, options] { run_meetings(global, *options); });
}

}  // namespace insights::cli
