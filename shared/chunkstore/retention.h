#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/job_state.h"

namespace insights::chunkstore {

using Clock = std::chrono::system_clock;

// Hooks for the uploader. A job that is replayed and then completes is marked completed again and expires normally.
void mark_job_completed(ChunkStore& store, const JobPath& job, Clock::time_point at);
void mark_job_dead_lettered(ChunkStore& store, const JobPath& job, Clock::time_point at);
// For replay, before it checks the chunks and hands the job back: the sweep never removes a replaying job's chunks.
// The uploader's completed / dead-lettered mark replaces it.
void mark_job_replaying(ChunkStore& store, const JobPath& job, Clock::time_point at);
// Puts back a mark read earlier (a replay that was refused), or removes the mark when there was none.
void restore_job_state(ChunkStore& store, const JobPath& job, const std::optional<JobStateRecord>& previous);

// nullopt when the job was never marked (still in progress, or written before retention existed).
std::optional<JobStateRecord> read_job_state_record(const ChunkStore& store, const JobPath& job);

struct JobListing {
  JobPath job;
  std::optional<JobStateRecord> state;
  std::size_t batches = 0;
  std::string problem;  // set when the state document is unreadable
};
std::vector<JobListing> list_jobs_with_state(const ChunkStore& store);

struct ExpiryReport {
  std::vector<JobPath> expired;          // completed jobs whose chunks were (or, dry run, would be) removed
  std::size_t chunks_removed = 0;        // batches removed (or that would be)
  std::vector<JobPath> dead_lettered;    // kept: only `drop` removes them
  std::vector<JobPath> replaying;        // kept: the uploader marks them completed or dead-lettered again
  std::vector<std::string> problems;     // jobs skipped because their state is unreadable, each naming the job
};

// Removes every chunk, then the state, of each job completed at or before `now - older_than`. Unmarked, dead-lettered
// and replaying jobs are never touched. A job whose removal fails stays marked, so the next sweep finishes it.
// The state is read again right before the chunks go, and the mark is removed only if still completed, so a replay
// that marked the job meanwhile keeps it (see docs/chunk-store.md for the window that remains).
ExpiryReport expire_completed_jobs(ChunkStore& store, Clock::time_point now, std::chrono::milliseconds older_than,
                                   bool dry_run);

// Removes every chunk and the state of a dead-lettered job; returns the number of batches removed (or, dry run, that
// would be). Throws insights::Error for a job that is not dead-lettered, saying why, and removes nothing.
std::size_t drop_dead_lettered_job(ChunkStore& store, const JobPath& job, bool dry_run);

// "org/dataset/run" as `insights chunks` takes it; throws insights::Error naming the text.
JobPath parse_job_path(std::string_view text);

}  // namespace insights::chunkstore
