#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace insights::uploader {

// The outcomes of the last `capacity` jobs this uploader finished (completed or dead-lettered), so a manifest
// re-published after its job finished is recognised instead of starting a job that waits forever. Oldest forgotten
// first; a job finished again moves to the newest place.
class FinishedJobs {
 public:
  explicit FinishedJobs(std::size_t capacity = 10'000) : capacity_(capacity == 0 ? 1 : capacity) {}

  void remember(const std::string& job_id, const std::string& outcome);
  void forget(const std::string& job_id);
  // The outcome the job finished with ("Completed", a DLQ status...), if it is still remembered.
  std::optional<std::string> outcome(const std::string& job_id) const;
  std::size_t size() const { return outcomes_.size(); }

 private:
  struct Entry {
    std::string outcome;
    std::uint64_t stamp = 0;  // when it was remembered; older entries of order_ for the job are stale
  };
  void drop_oldest();

  std::size_t capacity_;
  std::unordered_map<std::string, Entry> outcomes_;
  std::deque<std::pair<std::string, std::uint64_t>> order_;  // job id and stamp, oldest first (stale ones included)
  std::uint64_t next_stamp_ = 0;
};

}  // namespace insights::uploader
