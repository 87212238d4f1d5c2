#include "shared/salesforce/retry_policy.h"

#include <algorithm>

namespace insights::salesforce {

std::chrono::milliseconds backoff_bound(const RetryPolicy& policy, int retry) {
  const auto cap = std::max<std::chrono::milliseconds::rep>(policy.cap.count(), 0);
  auto bound = std::max<std::chrono::milliseconds::rep>(policy.base.count(), 0);
  // Doubling step by step stops at the cap, so large retry numbers cannot overflow.
  for (int i = 0; i < retry && bound < cap; ++i) {
    bound *= 2;
  }
  return std::chrono::milliseconds(std::min(bound, cap));
}

std::chrono::milliseconds full_jitter_delay(const RetryPolicy& policy, int retry, std::mt19937_64& random) {
  std::uniform_int_distribution<std::chrono::milliseconds::rep> pick(0, backoff_bound(policy, retry).count());
  return std::chrono::milliseconds(pick(random));
}

}  // namespace insights::salesforce
