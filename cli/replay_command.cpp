#include <fmt/format.h>

#include "cli/commands.h"
#include "shared/util/error.h"
#include "shared/util/utc_now.h"
#include "workers/replay/job_replay.h"

namespace insights::cli {
namespace {

struct ReplayFilter {
  std::string org;
  std::string dataset;
  std::string reason;  // substring of the error
  std::string since;   // UTC ISO-8601; entries at or after it
  bool matches(const replay::FailedJob& job) const {
    return (org.empty() || job.job.org == org) && (dataset.empty() || job.job.dataset == dataset) &&
           (reason.empty() || job.error.find(reason) != std::string::npos) && (since.empty() || job.time >= since);
  }
};

struct ReplayOptions {
  ReplayFilter filter;
  bool records = false;
  bool all = false;
  bool dry_run = false;
  std::vector<std::string> jobs;
};

void run_list(const GlobalOptions& global, const ReplayOptions& options) {
  auto config = load_config(global);
  const auto letters = replay::read_dead_letters(kafka_properties(config), options.records);
  std::size_t shown = 0;
  for (const auto& [id, job] : letters.jobs) {
    if (!options.filter.matches(job)) continue;
    if (shown++ == 0) fmt::print("{:<45} {:<20} {:>8}  {}\n", "job", "failed at", "attempts", "reason");
    fmt::print("{:<45} {:<20} {:>8}  {}\n", id, job.time, job.attempts, job.error);
  }
  fmt::print("{} failed job(s) waiting for replay\n", shown);
  if (options.records) {
    for (const auto& r : letters.records) fmt::print("record {}[{}]@{} key {}: {}\n", r.topic, r.partition, r.offset, r.key, r.reason);
    fmt::print("{} rejected record(s) in the records DLQ\n", letters.records.size());
  }
  if (letters.unreadable) fmt::print("{} DLQ entries could not be read\n", letters.unreadable);
}

void run_show(const GlobalOptions& global, const ReplayOptions& options) {
  auto config = load_config(global);
  const auto letters = replay::read_dead_letters(kafka_properties(config), false);
  auto store = open_chunk_store(config);
  for (const auto& id : options.jobs) {
    auto it = letters.jobs.find(id);
    if (it == letters.jobs.end()) throw Error(fmt::format("job {} is not in the DLQ (or was replayed already)", id));
    const auto check = replay::check_job(it->second, *store);
    fmt::print("job       {}\nfailed at {}\nattempts  {}\nstatus    {}\nerror     {}\nbatches   {}\nrows      {}\nreplay    {}\n",
               id, it->second.time, it->second.attempts, it->second.status, it->second.error, check.batches, check.rows,
               check.replayable ? "possible: every chunk is present and verified" : check.problem);
    for (const auto& manifest : it->second.manifests) fmt::print("manifest  {}\n", manifest);
  }
}

int run_replay(const GlobalOptions& global, const ReplayOptions& options) {
  if (options.all == !options.jobs.empty()) throw Error("name the jobs to replay, or use --all (with optional filters)");
  auto config = load_config(global);
  const auto properties = kafka_properties(config);
  const auto letters = replay::read_dead_letters(properties, false);
  auto store = open_chunk_store(config);
  std::vector<const replay::FailedJob*> chosen;
  for (const auto& id : options.jobs) {
    auto it = letters.jobs.find(id);
    if (it == letters.jobs.end()) throw Error(fmt::format("job {} is not in the DLQ (or was replayed already)", id));
    chosen.push_back(&it->second);
  }
  if (options.all) {
    for (const auto& [id, job] : letters.jobs) {
      if (options.filter.matches(job)) chosen.push_back(&job);
    }
  }
  std::unique_ptr<kafka::Producer> producer;
  if (!options.dry_run) producer = std::make_unique<kafka::Producer>(properties);
  int refused = 0;
  for (const auto* job : chosen) {
    const auto check = options.dry_run ? replay::check_job(*job, *store)
                                       : replay::claim_job(*job, *store, std::chrono::system_clock::now());
    if (!check.replayable) {
      ++refused;
      fmt::print("cannot replay {}: {}\n", job->job.id(), check.problem);
      continue;
    }
    if (options.dry_run) {
      fmt::print("would replay {}: {} batches, {} rows, chunks verified\n", job->job.id(), check.batches, check.rows);
    } else {
      replay::republish(*producer, *job, utc_now_iso8601());
      fmt::print("replayed {}: {} batches, {} rows handed back to the uploader\n", job->job.id(), check.batches, check.rows);
    }
  }
  fmt::print("{} job(s) {}, {} refused\n", chosen.size() - static_cast<std::size_t>(refused),
             options.dry_run ? "would be replayed" : "replayed", refused);
  return refused == 0 ? kExitOk : kExitFailed;
}

void add_filters(CLI::App* cmd, ReplayFilter& filter) {
  cmd->add_option("--org", filter.org, "Only jobs of this organisation");
  cmd->add_option("--dataset", filter.dataset, "Only jobs of this dataset");
  cmd->add_option("--since", filter.since, "Only jobs that failed at or after this UTC time (2026-11-24T00:00:00Z)");
}

}  // namespace

void add_replay_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<ReplayOptions>();
  auto* replay = app.add_subcommand("replay", "Replay failed jobs from the DLQ (by id, or --all with filters), or list and "
                                              "show them");
  replay->require_subcommand(0, 1);
  replay->add_option("job", options->jobs, "Job ids org/dataset/run to hand back to the uploader");
  replay->add_flag("--all", options->all, "Every failed job that matches the filters");
  add_filters(replay, options->filter);
  replay->add_option("--reason", options->filter.reason, "Only jobs whose error contains this text");
  replay->add_flag("--dry-run", options->dry_run, "Check chunks and say what would be replayed; send nothing");

  auto listed = std::make_shared<ReplayOptions>();
  auto* list = replay->add_subcommand("list", "List failed jobs (and with --records, rejected records) with their reasons");
  add_filters(list, listed->filter);
  list->add_option("--reason", listed->filter.reason, "Only jobs whose error contains this text");
  list->add_flag("--records", listed->records, "Also list the records the batcher rejected");
  list->callback([&global, listed] { run_list(global, *listed); });

  auto shown = std::make_shared<ReplayOptions>();
  auto* show = replay->add_subcommand("show", "Show failed jobs in full: error, manifests, whether their chunks verify");
  show->add_option("job", shown->jobs, "Job id org/dataset/run")->required();
  show->callback([&global, shown] { run_show(global, *shown); });

  replay->callback([&global, options, replay] {
    if (!replay->get_subcommands().empty()) return;
    if (int code = run_replay(global, *options); code != kExitOk) throw CLI::RuntimeError(code);
  });
}

}  // namespace insights::cli
