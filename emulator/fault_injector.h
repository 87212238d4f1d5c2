#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/fault_spec.h"

namespace insights::emulator {

// A fault still in force and how often it will still apply (nullopt: until cleared). For
// expire_tokens_after, `remaining` counts the authenticated calls that still succeed.
struct ActiveFault {
  FaultSpec spec;
  std::optional<std::uint64_t> remaining;
};

// The faults in force on one server. Thread-safe. Faults apply in the order they were added; each
// request takes at most one request fault.
class FaultInjector {
 public:
  // `expire_tokens` ends every current session (the server's token registry).
  explicit FaultInjector(std::function<void()> expire_tokens);

  // expire_tokens acts at once and is not kept; the others are kept until used up or cleared. Throws
  // insights::Error for a spec that cannot apply (fail_processing without alias).
  void add(FaultSpec spec);
  void clear();
  std::vector<ActiveFault> list() const;

  // The Status, Delay or Drop fault this request takes, counted as used; nullopt when none matches.
  std::optional<FaultSpec> take_request_fault(std::string_view method, std::string_view path);
  // Counts one authenticated API call; false when an expire_tokens_after fault ran out, in which case every
  // token has just expired and the call must be refused as an invalid session.
  bool admit_authenticated_call();
  // StatusMessage of a fail_processing fault for `alias`, counted as used; nullopt when none is in force.
  std::optional<std::string> take_processing_failure(std::string_view alias);

 private:
  std::optional<ActiveFault> take_locked(const std::function<bool(const FaultSpec&)>& matches);

  std::function<void()> expire_tokens_;
  mutable std::mutex mutex_;
  std::vector<ActiveFault> faults_;
};

}  // namespace insights::emulator
