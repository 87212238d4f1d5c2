#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

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

// Empty when a new job of `job_bytes` fits; otherwise which limit it would pass, with the numbers.
std::optional<std::string> quota_excess(const QuotaUsage& usage, std::uint64_t job_bytes, const QuotaLimits& limits,
                                        const std::string& alias);

enum class QuotaPolicy { Wait, DeadLetter };
// "wait" or "dlq" (uploader.quota_policy); throws insights::Error for anything else.
QuotaPolicy parse_quota_policy(const std::string& text);

// Thrown by a job that would pass a limit; the uploader waits or dead-letters as its policy says.
class QuotaExceeded : public Error {
 public:
  using Error::Error;
};

}  // namespace insights::uploader
