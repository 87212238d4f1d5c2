// `insights chunks list|expire|drop`: what the chunk store holds, and chunk retention by hand.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>

#include "cli/commands.h"
#include "shared/chunkstore/retention.h"
#include "shared/config/value_parsers.h"
#include "shared/util/error.h"

namespace insights::cli {
namespace {

struct ChunksOptions {
  std::string older_than;  // empty: chunk_store.retention
  bool dry_run = false;
  std::vector<std::string> jobs;
};

std::string describe_state(const chunkstore::JobListing& listing) {
  if (!listing.problem.empty()) return "unreadable state: " + listing.problem;
  if (!listing.state) return "in progress (not marked)";
  return fmt::format("{} at {}", chunkstore::to_string(listing.state->state), chunkstore::format_utc(listing.state->at));
}

void run_list(const GlobalOptions& global) {
  auto config = load_config(global);
  auto store = open_chunk_store(config);
  const auto jobs = chunkstore::list_jobs_with_state(*store);
  fmt::print("{:<50} {:>8}  {}\n", "job", "chunks", "state");
  for (const auto& listing : jobs) fmt::print("{:<50} {:>8}  {}\n", listing.job.name(), listing.batches, describe_state(listing));
  fmt::print("{} job(s) in {}\n", jobs.size(), chunk_store_url(config));
}

// Bad arguments are usage errors (exit 2), reported before anything is opened or removed.
[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr, "insights: {}\n", message);
  throw CLI::RuntimeError(kExitUsage);
}

std::optional<std::chrono::milliseconds> older_than_option(const std::string& older_than) {
  if (older_than.empty()) return std::nullopt;
  const auto parsed = config::parse_duration(older_than);
  if (!parsed) usage_error(fmt::format("--older-than '{}' is not a duration; write it like 7d, 36h or 90m", older_than));
  return *parsed;
}

std::vector<chunkstore::JobPath> job_paths(const std::vector<std::string>& texts) {
  std::vector<chunkstore::JobPath> jobs;
  std::vector<std::string> problems;
  for (const auto& text : texts) {
    try {
      jobs.push_back(chunkstore::parse_job_path(text));
    } catch (const Error& e) {
      problems.emplace_back(e.what());
    }
  }
  if (!problems.empty()) usage_error(fmt::format("{}; nothing was removed", fmt::join(problems, "; ")));
  return jobs;
}

void run_expire(const GlobalOptions& global, const ChunksOptions& options) {
  const auto option = older_than_option(options.older_than);
  auto config = load_config(global);
  auto store = open_chunk_store(config);
  const auto older_than = option ? *option : config.get_duration("chunk_store.retention");
  const auto report = chunkstore::expire_completed_jobs(*store, chunkstore::Clock::now(), older_than, options.dry_run);
  const char* verb = options.dry_run ? "would remove" : "removed";
  for (const auto& job : report.expired) fmt::print("{} chunks of {}\n", verb, job.name());
  for (const auto& job : report.dead_lettered) fmt::print("kept {} (dead-lettered: replay it, or `insights chunks drop`)\n", job.name());
  for (const auto& job : report.replaying) fmt::print("kept {} (being replayed)\n", job.name());
  for (const auto& problem : report.problems) fmt::print("skipped: {}\n", problem);
  fmt::print("{} {} chunk(s) of {} completed job(s)\n", verb, report.chunks_removed, report.expired.size());
  if (!report.problems.empty()) throw CLI::RuntimeError(kExitFailed);
}

void run_drop(const GlobalOptions& global, const ChunksOptions& options) {
  const auto jobs = job_paths(options.jobs);
  auto config = load_config(global);
  auto store = open_chunk_store(config);
  int failures = 0;
  for (const auto& job : jobs) {
    try {
      const std::size_t removed = chunkstore::drop_dead_lettered_job(*store, job, options.dry_run);
      fmt::print("{} {} chunk(s) of {}\n", options.dry_run ? "would remove" : "removed", removed, job.name());
    } catch (const Error& e) {
      fmt::print(stderr, "insights: {}\n", e.what());
      ++failures;
    }
  }
  if (failures > 0) throw CLI::RuntimeError(kExitFailed);
}

}  // namespace

void add_chunks_command(CLI::App& app, const GlobalOptions& global) {
  auto* chunks = app.add_subcommand("chunks", "List the chunk store's jobs and remove chunks past their retention");
  chunks->require_subcommand(1);

  chunks->add_subcommand("list", "Every job in the store with its chunk count and retention state")
      ->callback([&global] { run_list(global); });

  auto expired = std::make_shared<ChunksOptions>();
  auto* expire = chunks->add_subcommand("expire", "Remove the chunks of jobs completed longer ago than the retention "
                                                  "(dead-lettered and unfinished jobs are kept)");
  expire->add_option("--older-than", expired->older_than, "Retention, e.g. 7d (default: chunk_store.retention)");
  expire->add_flag("--dry-run", expired->dry_run, "Say what would be removed; remove nothing");
  expire->callback([&global, expired] { run_expire(global, *expired); });

  auto dropped = std::make_shared<ChunksOptions>();
  auto* drop = chunks->add_subcommand("drop", "Remove the chunks of dead-lettered jobs that will not be replayed");
  drop->add_option("job", dropped->jobs, "Job ids org/dataset/run")->required();
  drop->add_flag("--dry-run", dropped->dry_run, "Say what would be removed; remove nothing");
  drop->callback([&global, dropped] { run_drop(global, *dropped); });
}

}  // namespace insights::cli
