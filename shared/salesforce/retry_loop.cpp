#include "shared/salesforce/retry_loop.h"

#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <random>
#include <thread>

namespace insights::salesforce {
namespace {

[[noreturn]] void give_up(const Error& failure, const ApiError* api_failure, const std::string& note) {
  const std::string message = fmt::format("{} ({}; the job can be retried later)", failure.what(), note);
  if (api_failure != nullptr) {
    throw ApiError(message, api_failure->info());
  }
  throw http::TransportError(message);
}

double seconds(std::chrono::steady_clock::duration elapsed) {
  return std::chrono::duration<double>(elapsed).count();
}

}  // namespace

RetryHooks real_retry_hooks(std::function<void(const RetryNotice&)> on_retry) {
  // Each loop owner gets its own generator; callers serialise use through the owner's lock if shared.
  auto random = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto random_lock = std::make_shared<std::mutex>();
  RetryHooks hooks;
  hooks.sleep = [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); };
  hooks.now = [] { return std::chrono::steady_clock::now(); };
  hooks.uniform = [random, random_lock](std::chrono::milliseconds low, std::chrono::milliseconds high) {
    const std::lock_guard lock(*random_lock);
    std::uniform_int_distribution<std::chrono::milliseconds::rep> pick(low.count(), high.count());
    return std::chrono::milliseconds(pick(*random));
  };
  hooks.on_retry = std::move(on_retry);
  return hooks;
}

RetryLoop::RetryLoop(RetryPolicy policy, RetryHooks hooks) : policy_(policy), hooks_(std::move(hooks)) {}

std::chrono::milliseconds RetryLoop::delay_for(int number, const ApiError* api_failure) const {
  if (api_failure != nullptr) {
    if (const auto retry_after = api_failure->retry_after()) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(*retry_after);
    }
    // Concurrency and allocation limits free up slowly: wait in the upper half of the cap, not from zero.
    if (api_failure->error_code() == "REQUEST_LIMIT_EXCEEDED") {
      return hooks_.uniform(policy_.cap / 2, policy_.cap);
    }
  }
  return hooks_.uniform(std::chrono::milliseconds(0), backoff_bound(policy_, number));
}

void RetryLoop::pause_or_rethrow(std::string_view what, int number, std::chrono::steady_clock::time_point start,
                                 const Error& failure, const ApiError* api_failure) const {
  const int attempts = number + 1;
  if (attempts >= policy_.max_attempts) {
    give_up(failure, api_failure, fmt::format("gave up after {} attempts", attempts));
  }
  const auto delay = delay_for(number, api_failure);
  const auto elapsed = hooks_.now() - start;
  if (elapsed + delay > policy_.deadline) {
    give_up(failure, api_failure,
            fmt::format("gave up after {} attempts in {:.1f} s: the next wait of {} ms would pass the {} s deadline",
                        attempts, seconds(elapsed), delay.count(),
                        std::chrono::duration_cast<std::chrono::seconds>(policy_.deadline).count()));
  }
  if (hooks_.on_retry) {
    hooks_.on_retry(RetryNotice{what, attempts, delay, failure.what()});
  }
  hooks_.sleep(delay);
}

}  // namespace insights::salesforce
