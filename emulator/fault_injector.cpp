#include "emulator/fault_injector.h"

#include <algorithm>

#include <fmt/format.h>

#include "emulator/name_rules.h"
#include "shared/util/error.h"

namespace insights::emulator {

namespace {

bool is_request_fault(FaultKind kind) {
  return kind == FaultKind::Status || kind == FaultKind::Delay || kind == FaultKind::Drop;
}

std::string default_processing_message(const FaultSpec& spec) {
  return spec.message.empty() ? fmt::format("Processing of dataset {} failed (injected fault)", spec.alias)
                              : spec.message;
}

}  // namespace

FaultInjector::FaultInjector(std::function<void()> expire_tokens) : expire_tokens_(std::move(expire_tokens)) {}

void FaultInjector::add(FaultSpec spec) {
  if (spec.kind == FaultKind::FailProcessing && spec.alias.empty()) {
    throw insights::Error("fail_processing fault needs the dataset alias it fails; set \"alias\"");
  }
  if (spec.kind == FaultKind::ExpireTokens) {
    expire_tokens_();
    return;
  }
  std::lock_guard lock(mutex_);
  if (spec.kind == FaultKind::ExpireTokensAfter) {
    const auto calls = spec.calls;
    faults_.push_back({std::move(spec), calls});
    return;
  }
  const auto remaining = spec.count == 0 ? std::nullopt : std::optional<std::uint64_t>(spec.count);
  faults_.push_back({std::move(spec), remaining});
}

void FaultInjector::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

std::vector<ActiveFault> FaultInjector::list() const {
  std::lock_guard lock(mutex_);
  return faults_;
}

std::optional<ActiveFault> FaultInjector::take_locked(const std::function<bool(const FaultSpec&)>& matches) {
  const auto found = std::find_if(faults_.begin(), faults_.end(), [&](const ActiveFault& f) { return matches(f.spec); });
  if (found == faults_.end()) return std::nullopt;
  auto taken = *found;
  if (found->remaining && --*found->remaining == 0) faults_.erase(found);
  return taken;
}

std::optional<FaultSpec> FaultInjector::take_request_fault(std::string_view method, std::string_view path) {
  std::lock_guard lock(mutex_);
  auto taken = take_locked([&](const FaultSpec& spec) {
    return is_request_fault(spec.kind) && (spec.method.empty() || iequals(spec.method, method)) &&
           path.starts_with(spec.path_prefix);
  });
  if (!taken) return std::nullopt;
  return std::move(taken->spec);
}

bool FaultInjector::admit_authenticated_call() {
  {
    std::lock_guard lock(mutex_);
    const auto found = std::find_if(faults_.begin(), faults_.end(),
                                    [](const ActiveFault& f) { return f.spec.kind == FaultKind::ExpireTokensAfter; });
    if (found == faults_.end()) return true;
    if (*found->remaining > 0) {
      --*found->remaining;
      return true;
    }
    faults_.erase(found);
  }
  expire_tokens_();
  return false;
}

std::optional<std::string> FaultInjector::take_processing_failure(std::string_view alias) {
  std::lock_guard lock(mutex_);
  const auto taken = take_locked(
      [&](const FaultSpec& spec) { return spec.kind == FaultKind::FailProcessing && iequals(spec.alias, alias); });
  if (!taken) return std::nullopt;
  return default_processing_message(taken->spec);
}

}  // namespace insights::emulator
