#include "producers/run_id.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "shared/codec/sha256.h"

namespace insights::producers {

std::string derived_run_id(std::string_view run_date, std::string_view input_digest_source) {
  return fmt::format("{}-{}", run_date, codec::sha256_hex(input_digest_source).substr(0, 8));
}

std::string utc_today() {
  return fmt::format("{:%Y-%m-%d}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

}  // namespace insights::producers
