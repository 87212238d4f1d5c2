#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace insights::chunkstore {

// Where a job stands for chunk retention. Completed jobs' chunks expire after the retention period; dead-lettered
// jobs' chunks stay until the job is replayed (and completes) or they are dropped explicitly. A job being replayed
// is marked Replaying first, so a sweep that began while it was still Completed leaves its chunks alone.
enum class JobState { Completed, DeadLettered, Replaying };

struct JobStateRecord {
  JobState state = JobState::Completed;
  std::chrono::system_clock::time_point at;  // when it entered the state (whole seconds)

  friend bool operator==(const JobStateRecord&, const JobStateRecord&) = default;
};

std::string_view to_string(JobState state);  // "completed", "dead_lettered", "replaying"

// {"state":"completed","at":"2024-06-01T12:00:00Z","at_unix":1717243200}; at_unix is the one read back.
std::string to_json(const JobStateRecord& record);
// Throws insights::Error naming the field when the document is not one to_json wrote.
JobStateRecord job_state_from_json(std::string_view json);

// "2024-06-01T12:00:00Z"
std::string format_utc(std::chrono::system_clock::time_point at);

}  // namespace insights::chunkstore
