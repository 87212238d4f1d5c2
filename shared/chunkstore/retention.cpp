#include "shared/chunkstore/retention.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

void mark(ChunkStore& store, const JobPath& job, JobState state, Clock::time_point at) {
  store.write_job_state(job, to_json(JobStateRecord{state, std::chrono::floor<std::chrono::seconds>(at)}));
}

std::size_t remove_job(ChunkStore& store, const JobPath& job, bool dry_run) {
  const std::vector<std::uint32_t> batches = store.list_batches(job);
  if (dry_run) return batches.size();
  for (const std::uint32_t batch : batches) store.remove(ChunkId{job.org, job.dataset, job.run, batch});
  // State last: if a removal above fails, the job keeps its state and the next sweep (or drop) finishes it.
  store.remove_job_state(job);
  return batches.size();
}

}  // namespace

void mark_job_completed(ChunkStore& store, const JobPath& job, Clock::time_point at) {
  mark(store, job, JobState::Completed, at);
}

void mark_job_dead_lettered(ChunkStore& store, const JobPath& job, Clock::time_point at) {
  mark(store, job, JobState::DeadLettered, at);
}

std::optional<JobStateRecord> read_job_state_record(const ChunkStore& store, const JobPath& job) {
  const std::optional<std::string> json = store.read_job_state(job);
  if (!json) return std::nullopt;
  try {
    return job_state_from_json(*json);
  } catch (const Error& e) {
    throw Error(fmt::format("chunk store: job {}: {}", job.name(), e.what()));
  }
}

std::vector<JobListing> list_jobs_with_state(const ChunkStore& store) {
  std::vector<JobListing> out;
  for (JobPath& job : store.list_jobs()) {
    JobListing listing;
    listing.batches = store.list_batches(job).size();
    try {
      listing.state = read_job_state_record(store, job);
    } catch (const Error& e) {
      listing.problem = e.what();
    }
    listing.job = std::move(job);
    out.push_back(std::move(listing));
  }
  return out;
}

ExpiryReport expire_completed_jobs(ChunkStore& store, Clock::time_point now, std::chrono::milliseconds older_than,
                                   bool dry_run) {
  ExpiryReport report;
  const Clock::time_point cutoff = now - older_than;
  for (const JobPath& job : store.list_jobs()) {
    std::optional<JobStateRecord> state;
    try {
      state = read_job_state_record(store, job);
    } catch (const Error& e) {
      report.problems.emplace_back(e.what());
      continue;
    }
    if (!state) continue;
    if (state->state == JobState::DeadLettered) {
      report.dead_lettered.push_back(job);
      continue;
    }
    if (state->at > cutoff) continue;
    report.chunks_removed += remove_job(store, job, dry_run);
    report.expired.push_back(job);
  }
  return report;
}

std::size_t drop_dead_lettered_job(ChunkStore& store, const JobPath& job, bool dry_run) {
  const std::optional<JobStateRecord> state = read_job_state_record(store, job);
  if (!state) {
    throw Error(fmt::format("chunk store: job {} is not marked dead-lettered (it has no state: still in progress, or "
                            "not in this store); nothing was removed",
                            job.name()));
  }
  if (state->state != JobState::DeadLettered) {
    throw Error(fmt::format("chunk store: job {} completed at {}, so it is not dead-lettered; `insights chunks expire` "
                            "removes completed jobs' chunks after the retention period. Nothing was removed",
                            job.name(), format_utc(state->at)));
  }
  return remove_job(store, job, dry_run);
}

JobPath parse_job_path(std::string_view text) {
  JobPath job;
  std::string* parts[] = {&job.org, &job.dataset, &job.run};
  std::string_view rest = text;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::size_t slash = rest.find('/');
    if ((i < 2) == (slash == std::string_view::npos)) {
      throw Error(fmt::format("'{}' is not a job; write it as org/dataset/run (as `insights chunks list` shows it)", text));
    }
    *parts[i] = std::string(rest.substr(0, slash));
    rest = i < 2 ? rest.substr(slash + 1) : std::string_view{};
  }
  validate_job_path(job);
  return job;
}

}  // namespace insights::chunkstore
