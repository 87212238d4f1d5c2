#include <fmt/format.h>

#include <chrono>
#include <mutex>

#include "cli/commands.h"
#include "producers/availability/snapshot_parser.h"
#include "producers/availability/snapshot_writer.h"
#include "producers/meetings_run.h"
#include "producers/progress.h"
#include "producers/run_id.h"
#include "producers/run_report.h"
#include "producers/schedule_lock.h"
#include "producers/schedule_loop.h"
#include "producers/synthetic_producer.h"
#include "shared/kafka/topic_admin.h"
#include "shared/log/log.h"
#include "shared/metrics/health_server.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"
#include "shared/util/stop_signal.h"

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
  std::string state_dir;
  std::string schedule;        // --schedule HH:MM; empty with the flag given: producer.schedule
  bool scheduled = false;      // --schedule given
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

Session open_session(config::Config config, const std::string& dataset, const ProduceOptions& options) {
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

std::vector<producers::ProducedJob> availability_night(Session& session, const ProduceOptions& options) {
  if (options.synthetic) {
    auto night = synthetic_night(session, options);
    auto jobs = producers::produce_synthetic_availability(*session.producer, night);
    fmt::print("synthetic snapshot written to {}\n", (night.input_dir / "snapshot.json").string());
    return jobs;
  }
  // The whole snapshot is checked before anything is produced.
  const auto snapshot = availability::load_snapshot(options.snapshot);
  return producers::produce_availability(*session.producer, snapshot, availability::snapshot_to_json(snapshot),
                                         {session.run_date, session.run_id, options.operation, session.batch_records,
                                          producers::stderr_is_terminal()});
}

void print_export_stats(const meetings::ExportStats& stats) {
  fmt::print("export: {} lines, {} exported, {} not completed, {} unchanged since the watermark, {} of organisations "
             "without Insights, {} bad lines\n",
             stats.lines, stats.exported, stats.not_completed, stats.unchanged, stats.org_disabled, stats.bad_lines);
  for (const auto& problem : stats.problems) fmt::print("bad line: {}\n", problem);
}

std::vector<producers::ProducedJob> meetings_night(Session& session, const ProduceOptions& options) {
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
  return std::move(result.jobs);
}

void check_availability_input(const ProduceOptions& options) {
  if (options.synthetic == !options.snapshot.empty()) throw Error("give either --snapshot FILE or --synthetic");
}

void check_meetings_input(const ProduceOptions& options) {
  const bool from_files = !options.export_file.empty() || !options.reference.empty();
  if (options.synthetic == from_files) throw Error("give either --export FILE --reference FILE, or --synthetic");
  if (from_files && (options.export_file.empty() || options.reference.empty())) {
    throw Error("--export and --reference go together: the export is enriched from the reference data");
  }
}

using Night = std::vector<producers::ProducedJob> (*)(Session&, const ProduceOptions&);

std::filesystem::path state_dir(const config::Config& config, const ProduceOptions& options) {
  return std::filesystem::path(options.state_dir.empty() ? config.get("producer.state_dir") : options.state_dir);
}

// One night: produce, print the jobs, then the data-quality report (row counts and drift from the previous run).
void run_night(config::Config config, const std::string& dataset, const ProduceOptions& options, Night night,
               metrics::Registry* registry) {
  const producers::RunReportSettings report{state_dir(config, options), config.get_double("producer.drift_warn_percent")};
  auto session = open_session(std::move(config), dataset, options);
  const auto started = std::chrono::steady_clock::now();
  const auto jobs = night(session, options);
  print_jobs(jobs, started);
  for (const auto& line : producers::report_run(jobs, report, registry)) {
    if (!line.drift_warning) continue;
    fmt::print("warning: {} {} produced {} rows, {:.1f}% away from the previous run's {} (producer.drift_warn_percent "
               "is {})\n",
               line.org, line.dataset, line.rows, *line.drift_percent, *line.previous_rows, report.warn_percent);
  }
}

// What /readyz says about a scheduled producer: ready unless its last run failed.
class ScheduleHealth {
 public:
  void succeeded() {
    std::lock_guard lock(mutex_);
    error_.clear();
  }
  void failed(std::string error) {
    std::lock_guard lock(mutex_);
    error_ = std::move(error);
  }
  metrics::Readiness readiness() const {
    std::lock_guard lock(mutex_);
    if (error_.empty()) return {true, {}};
    return {false, "the last scheduled run failed: " + error_};
  }

 private:
  mutable std::mutex mutex_;
  std::string error_;
};

producers::ScheduleClock stop_signal_clock(StopSignal& stop) {
  return {[] { return std::chrono::system_clock::now(); },
          [&stop](std::chrono::system_clock::time_point until) {
            // Wakes at least once a minute, so a stepped wall clock delays a run by a minute at most.
            for (;;) {
              const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - std::chrono::system_clock::now());
              if (left.count() <= 0) return stop.stop_requested();
              if (stop.stop_requested(std::min<std::chrono::milliseconds>(left, std::chrono::minutes(1)))) return true;
            }
          }};
}

// --schedule: the same night every day at the configured UTC time, serving /metrics, /healthz and /readyz between runs.
void run_scheduled(const GlobalOptions& global, const std::string& dataset, const ProduceOptions& options, Night night) {
  if (!options.run_date.empty() || !options.run_id.empty()) {
    throw Error("--schedule runs every night with that night's date and derived run id: drop --run-date and --run-id");
  }
  StopSignal stop;
  const auto config = load_config(global);
  producers::ScheduleSettings settings;
  settings.at = producers::parse_daily_time(options.schedule.empty() ? config.get("producer.schedule") : options.schedule);
  settings.retry_delay = config.get_duration("producer.schedule_retry_delay");
  settings.dataset = dataset;
  const producers::ScheduleLock lock(state_dir(config, options), dataset);
  metrics::Registry registry;
  ScheduleHealth health;
  metrics::HealthServer server(config.get("metrics.host"), static_cast<int>(config.get_int("metrics.port")), registry,
                               [&health] { return health.readiness(); });
  log::info("scheduled producer started", {log::field("dataset", dataset), log::field("at_utc", producers::format_daily_time(settings.at)),
                                           log::field("metrics", fmt::format("http://{}:{}/metrics", config.get("metrics.host"), server.port()))});
  producers::run_schedule(settings, stop_signal_clock(stop), [&] {
    try {
      run_night(load_config(global), dataset, options, night, &registry);  // config re-read: edits apply next night
      health.succeeded();
    } catch (const std::exception& e) {
      health.failed(e.what());
      throw;
    }
  }, &registry);
}

void run_produce(const GlobalOptions& global, const std::string& dataset, const ProduceOptions& options, Night night) {
  if (options.scheduled) {
    run_scheduled(global, dataset, options, night);
    return;
  }
  run_night(load_config(global), dataset, options, night, nullptr);
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
  sub->add_option("--state-dir", options.state_dir,
                  "Where the last row counts (drift check) and the schedule lock live (default: producer.state_dir)");
  sub->add_option("--schedule", options.schedule,
                  "Keep running and produce every day at HH:MM UTC (default: producer.schedule, 23:30); stops on "
                  "SIGINT/SIGTERM and serves /metrics, /healthz, /readyz on metrics.port")
      ->expected(0, 1);
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
  availability->callback([&global, options, availability] {
    check_availability_input(*options);
    options->scheduled = availability->count("--schedule") > 0;
    run_produce(global, "availability", *options, availability_night);
  });

  auto* meetings = produce->add_subcommand("meetings", "Export new and modified completed meetings");
  meetings->add_option("--export", options->export_file, "BookMe meetings export (NDJSON, docs/meetings-export.md)");
  meetings->add_option("--reference", options->reference, "Reference data (JSON, docs/meetings-export.md)");
  meetings->add_option("--watermarks", options->watermarks, "Watermark directory (default: producer.watermark_dir)");
  meetings->add_option("--meetings", options->meetings, "--synthetic: meetings per organisation")->capture_default_str();
  add_common(meetings, *options);
  meetings->callback([&global, options, meetings] {
    check_meetings_input(*options);
    options->scheduled = meetings->count("--schedule") > 0;
    run_produce(global, "meetings", *options, meetings_night);
  });
}

}  // namespace insights::cli
