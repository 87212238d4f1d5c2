#pragma once
#include <string>

namespace insights {

// The current time as UTC ISO-8601 with seconds, e.g. "2026-11-24T23:41:07Z".
std::string utc_now_iso8601();

}  // namespace insights
