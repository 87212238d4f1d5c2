#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "shared/http/http_client.h"
#include "shared/salesforce/api_error.h"
#include "shared/salesforce/retry_policy.h"

namespace insights::salesforce {

struct RetryNotice {
  std::string_view what;  // the call being retried
  int failed_attempt;     // 1-based number of the attempt that just failed
  std::chrono::milliseconds delay;
  std::string_view reason;
};

// The loop's side effects, injectable so tests run without sleeping or real time.
struct RetryHooks {
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<std::chrono::milliseconds(std::chrono::milliseconds low, std::chrono::milliseconds high)> uniform;
  std::function<void(const RetryNotice&)> on_retry;
};

RetryHooks real_retry_hooks(std::function<void(const RetryNotice&)> on_retry);

// Runs an attempt until it succeeds, fails permanently, or the policy's attempts or deadline run out.
// Transient failures are TransportError and ApiError with transient(); anything else propagates at once.
class RetryLoop {
 public:
  RetryLoop(RetryPolicy policy, RetryHooks hooks);

  // `attempt` receives the 0-based attempt number, so it can check for a previous attempt's side effect first.
  template <typename Attempt>
  std::invoke_result_t<Attempt&, int> run(std::string_view what, Attempt&& attempt) const {
    const auto start = hooks_.now();
    for (int number = 0;; ++number) {
      try {
        return attempt(number);
      } catch (const http::TransportError& failure) {
        pause_or_rethrow(what, number, start, failure, nullptr);
      } catch (const ApiError& failure) {
        if (!failure.transient()) {
          throw;
        }
        pause_or_rethrow(what, number, start, failure, &failure);
      }
    }
  }

  const RetryPolicy& policy() const { return policy_; }

 private:
  std::chrono::milliseconds delay_for(int number, const ApiError* api_failure) const;
  void pause_or_rethrow(std::string_view what, int number, std::chrono::steady_clock::time_point start,
                        const Error& failure, const ApiError* api_failure) const;

  RetryPolicy policy_;
  RetryHooks hooks_;
};

}  // namespace insights::salesforce
