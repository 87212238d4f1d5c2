#include "shared/chunkstore/retention.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

void mark(ChunkStore& store, const JobPath& job, JobState state, Clock::time_point at) {
  store.write_job_state(job, to_json(JobStateRecord{state, std::chrono::floor<std::chrono::seconds>(at)}));
}

bool still_marked(const ChunkStore& store, const JobPath& job, const JobStateRecord& expected) {
  return read_job_state_record(store, job) == expected;
}

// `expected`: the mark the job must still have (state and time) for its chunks, then the mark, to be removed;
// nullopt when it changed (a replay marked the job meanwhile, or it completed again).
std::optional<std::size_t> remove_job(ChunkStore& store, const JobPath& job, const JobStateRecord& expected,
                                      bool dry_run) {
  const std::vector<std::uint32_t> batches = store.list_batches(job);
  if (dry_run) return batches.size();
  if (!still_marked(store, job, expected)) return std::nullopt;
  for (const std::uint32_t batch : batches) store.remove(ChunkId{job.org, job.dataset, job.run, batch});
  // State last: if a removal above fails, the job keeps its state and the next sweep (or drop) finishes it.
  if (still_marked(store, job, expected)) store.remove_job_state(job);
  return batches.size();
}

}  // namespace

void mark_job_completed(ChunkStore& store, const JobPath& job, Clock::time_point at) {
  mark(store, job, JobState::Completed, at);
}

void mark_job_dead_lettered(ChunkStore& store, const JobPath& job, Clock::time_point at) {
  mark(store, job, JobState::DeadLettered, at);
}

void mark_job_replaying(ChunkStore& store, const JobPath& job, Clock::time_point at) {
  mark(store, job, JobState::Replaying, at);
}

void restore_job_state(ChunkStore& store, const JobPath& job, const std::optional<JobStateRecord>& previous) {
  if (previous) {
    store.write_job_state(job, to_json(*previous));
  } else {
    store.remove_job_state(job);
  }
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
    if (state->state == JobState::Replaying) {
      report.replaying.push_back(job);
      continue;
    }
    if (state->at > cutoff) continue;
    const std::optional<std::size_t> removed = remove_job(store, job, *state, dry_run);
    if (!removed) {
      report.replaying.push_back(job);
      continue;
    }
    report.chunks_removed += *removed;
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
  if (state->state == JobState::Replaying) {
    throw Error(fmt::format("chunk store: job {} is being replayed (since {}); the uploader marks it completed or "
                            "dead-lettered again when it is done (if that replay was interrupted, replay the job again). "
                            "Nothing was removed",
                            job.name(), format_utc(state->at)));
  }
  if (state->state != JobState::DeadLettered) {
    throw Error(fmt::format("chunk store: job {} completed at {}, so it is not dead-lettered; `insights chunks expire` "
                            "removes completed jobs' chunks after the retention period. Nothing was removed",
                            job.name(), format_utc(state->at)));
  }
  const std::optional<std::size_t> removed = remove_job(store, job, *state, dry_run);
  if (!removed) {
    throw Error(fmt::format("chunk store: job {} changed state while it was being dropped (a replay?); nothing was "
                            "removed: run `insights chunks list` and try again",
                            job.name()));
  }
  return *removed;
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
