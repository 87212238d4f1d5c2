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

QuotaBudget quota_budget(const QuotaUsage& usage, std::uint64_t job_bytes, bool counting_job, const QuotaLimits& limits,
                         const std::string& org, const std::string& dataset) {
  const std::uint64_t jobs = usage.dataset_jobs + (counting_job ? 1 : 0);
  const std::uint64_t bytes = usage.bytes + (counting_job ? job_bytes : 0);
  return {org, dataset, jobs < limits.jobs_per_dataset ? limits.jobs_per_dataset - jobs : 0,
          bytes < limits.bytes ? limits.bytes - bytes : 0};
}

QuotaPolicy parse_quota_policy(const std::string& text) {
  if (text == "wait") return QuotaPolicy::Wait;
  if (text == "dlq") return QuotaPolicy::DeadLetter;
  throw Error(fmt::format("uploader.quota_policy '{}' is not 'wait' or 'dlq'", text));
}

}  // namespace insights::uploader
