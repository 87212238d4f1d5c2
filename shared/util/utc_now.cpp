#include "shared/util/utc_now.h"

#include <fmt/chrono.h>

#include <chrono>

namespace insights {

std::string utc_now_iso8601() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

}  // namespace insights
