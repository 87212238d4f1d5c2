#pragma once
#include <chrono>
#include <random>

namespace insights::salesforce {

struct RetryPolicy {
  int max_attempts = 8;
  std::chrono::milliseconds base{200};
  std::chrono::milliseconds cap{30'000};
  std::chrono::milliseconds deadline{600'000};  // total time a call may spend across all its attempts
};

// The largest delay before retry number `retry` (0-based): min(cap, base * 2^retry).
std::chrono::milliseconds backoff_bound(const RetryPolicy& policy, int retry);

// "Full jitter": uniform in [0, backoff_bound], so that many clients failing together do not retry in lockstep.
std::chrono::milliseconds full_jitter_delay(const RetryPolicy& policy, int retry, std::mt19937_64& random);

}  // namespace insights::salesforce
