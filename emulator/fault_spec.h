#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace insights::emulator {

enum class FaultKind { Status, Delay, Drop, ExpireTokens, ExpireTokensAfter, FailProcessing };

// One fault to inject, as given to Server::faults(), POST /__admin/faults or `insights emulator --fault`.
// Request faults (Status, Delay, Drop) apply to API requests (not /__admin) whose method and path match.
struct FaultSpec {
  FaultKind kind = FaultKind::Status;
  std::uint64_t count = 1;   // requests (or processings) it applies to; 0 = until cleared
  std::string method;        // empty: any method; compared case-insensitively
  std::string path_prefix;   // empty: any path
  int status = 503;          // Status: 500, 503, 429, 403, ...
  std::string error_code;    // Status: errorCode of the body; empty = the usual code of `status`
  std::optional<int> retry_after;      // Status: Retry-After seconds
  std::chrono::milliseconds delay{0};  // Delay: how long before the request is handled normally
  std::uint64_t calls = 0;   // ExpireTokensAfter: authenticated calls that still succeed
  std::string alias;         // FailProcessing: the dataset (EdgemartAlias)
  std::string message;       // FailProcessing: StatusMessage; Status: message of the error body
};

std::string_view fault_kind_name(FaultKind kind);  // the JSON `kind` value

// errorCode a Status fault answers with: its own, else 503 SERVER_UNAVAILABLE, 429/403 REQUEST_LIMIT_EXCEEDED,
// others UNKNOWN_EXCEPTION.
std::string fault_error_code(const FaultSpec& spec);

// {"kind":"status","status":503,"count":2,"method":"POST","path_prefix":"/services/..."}; throws
// insights::Error naming the member at fault.
FaultSpec parse_fault_json(std::string_view json);

// The --fault flag: the same members as `key=value` pairs joined by commas, e.g.
// "kind=status,status=429,retry_after=1,count=2"; a value starting with '{' is read as JSON instead.
FaultSpec parse_fault_flag(std::string_view text);

// The spec as GET /__admin/faults lists it; `remaining` null = until cleared.
std::string fault_to_json(const FaultSpec& spec, std::optional<std::uint64_t> remaining);

}  // namespace insights::emulator
