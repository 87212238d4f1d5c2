#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "shared/util/error.h"

namespace insights::uploader {

// Salesforce's rolling 24-hour limits on External Data uploads (external-data-api.md §5).
struct QuotaLimits {
  std::uint64_t jobs_per_dataset = 50;
  std::uint64_t bytes = 50'000'000'000;  // "50 GB": the smaller, decimal reading is the safe one
};

// What Salesforce already holds in the window that ends now.
struct QuotaUsage {
  std::uint64_t dataset_jobs = 0;  // headers of the dataset, whatever their status (the safe reading)
  std::uint64_t bytes = 0;         // DataLength of every part of the org
};

// What is left of the window for an organisation's dataset, as last read (after the job that read it, when that
// job went ahead): reported as gauges by the consumer thread.
struct QuotaBudget {
  std::string org;
  std::string dataset;
  std::uint64_t jobs_left = 0;   // of limits.jobs_per_dataset, for the dataset
  std::uint64_t bytes_left = 0;  // of limits.bytes, for the org
};

// The budget left by `usage`, less a job of `job_bytes` when it goes ahead (`counting_job`); never below zero.
QuotaBudget quota_budget(const QuotaUsage& usage, std::uint64_t job_bytes, bool counting_job, const QuotaLimits& limits,
                         const std::string& org, const std::string& dataset);

// Empty when a new job of `job_bytes` fits; otherwise which limit it would pass, with the numbers.
std::optional<std::string> quota_excess(const QuotaUsage& usage, std::uint64_t job_bytes, const QuotaLimits& limits,
                                        const std::string& alias);

enum class QuotaPolicy { Wait, DeadLetter };
// "wait" or "dlq" (uploader.quota_policy); throws insights::Error for anything else.
QuotaPolicy parse_quota_policy(const std::string& text);

// Thrown by a job that would pass a limit; the uploader waits or dead-letters as its policy says.
class QuotaExceeded : public Error {
 public:
  QuotaExceeded(const std::string& what, QuotaBudget budget) : Error(what), budget_(std::move(budget)) {}
  const QuotaBudget& budget() const { return budget_; }

 private:
  QuotaBudget budget_;
};

}  // namespace insights::uploader
