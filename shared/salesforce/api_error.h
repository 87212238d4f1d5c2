#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/http/http_client.h"
#include "shared/util/error.h"

namespace insights::salesforce {

// One entry of a REST error body (§2.1), or of an OAuth error object.
struct ErrorDetail {
  std::string error_code;
  std::string message;
  std::vector<std::string> fields;
};

struct ApiErrorInfo {
  long http_status = 0;
  std::string error_code;
  std::string salesforce_message;
  std::vector<std::string> fields;
  bool transient = false;
  std::optional<std::chrono::seconds> retry_after;
};

// Salesforce answered with an error. Permanent ones must not be retried; transient ones were retried until a limit.
class ApiError : public Error {
 public:
  ApiError(const std::string& message, ApiErrorInfo info);

  long http_status() const { return info_.http_status; }
  const std::string& error_code() const { return info_.error_code; }
  const std::string& salesforce_message() const { return info_.salesforce_message; }
  const std::vector<std::string>& fields() const { return info_.fields; }
  bool transient() const { return info_.transient; }
  std::optional<std::chrono::seconds> retry_after() const { return info_.retry_after; }
  const ApiErrorInfo& info() const { return info_; }

 private:
  ApiErrorInfo info_;
};

// Parses a §2.1 array body, a single error object, or an OAuth {"error","error_description"} object.
// Returns no entries for anything else (an HTML page from a proxy, an empty body).
std::vector<ErrorDetail> parse_error_body(std::string_view body);

// 5xx, 408, 429 and 403 REQUEST_LIMIT_EXCEEDED clear up by themselves; everything else needs a change first.
bool is_transient_failure(long http_status, std::string_view error_code);

// Only the delta-seconds form; an HTTP-date is left to the normal backoff.
std::optional<std::chrono::seconds> parse_retry_after(const std::optional<std::string>& header);

// Builds the error for a non-2xx REST response; `what` names the call ("creating ... header for alias x").
ApiError api_error_from_response(std::string_view what, const http::Response& response);

}  // namespace insights::salesforce
