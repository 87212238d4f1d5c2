#include "workers/uploader/quota.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::uploader {

std::optional<std::string> quota_excess(const QuotaUsage& usage, std::uint64_t job_bytes, const QuotaLimits& limits,
                                        const std::string& alias) {
  if (usage.dataset_jobs + 1 > limits.jobs_per_dataset) {
    return fmt::format("dataset {} already has {} jobs in the last 24 hours; Salesforce allows {}", alias,
                       usage.dataset_jobs, limits.jobs_per_dataset);
  }
  if (usage.bytes + job_bytes > limits.bytes) {
    return fmt::format("the org already uploaded {} bytes in the last 24 hours; this job's {} bytes would pass "
                       "Salesforce's limit of {}",
                       usage.bytes, job_bytes, limits.bytes);
  }
  return std::nullopt;
}

QuotaPolicy parse_quota_policy(const std::string& text) {
  if (text == "wait") return QuotaPolicy::Wait;
  if (text == "dlq") return QuotaPolicy::DeadLetter;
  throw Error(fmt::format("uploader.quota_policy '{}' is not 'wait' or 'dlq'", text));
}

}  // namespace insights::uploader
