#include "workers/uploader/finished_jobs.h"

namespace insights::uploader {

void FinishedJobs::remember(const std::string& job_id, const std::string& outcome) {
  const std::uint64_t stamp = ++next_stamp_;
  outcomes_[job_id] = Entry{outcome, stamp};
  order_.emplace_back(job_id, stamp);
  while (outcomes_.size() > capacity_) drop_oldest();
  // Stale entries (jobs finished again or forgotten) would otherwise grow order_ without bound.
  if (order_.size() > 2 * capacity_) {
    std::deque<std::pair<std::string, std::uint64_t>> live;
    for (auto& entry : order_) {
      const auto it = outcomes_.find(entry.first);
      if (it != outcomes_.end() && it->second.stamp == entry.second) live.push_back(std::move(entry));
    }
    order_ = std::move(live);
  }
}

void FinishedJobs::forget(const std::string& job_id) { outcomes_.erase(job_id); }

std::optional<std::string> FinishedJobs::outcome(const std::string& job_id) const {
  const auto it = outcomes_.find(job_id);
  if (it == outcomes_.end()) return std::nullopt;
  return it->second.outcome;
}

void FinishedJobs::drop_oldest() {
  while (!order_.empty()) {
    const auto [job_id, stamp] = std::move(order_.front());
    order_.pop_front();
    const auto it = outcomes_.find(job_id);
    if (it != outcomes_.end() && it->second.stamp == stamp) {
      outcomes_.erase(it);
      return;
    }
  }
}

}  // namespace insights::uploader
