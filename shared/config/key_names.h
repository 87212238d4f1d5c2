#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace insights::config {

// "kafka.bootstrap_servers" -> "INSIGHTS_KAFKA_BOOTSTRAP_SERVERS".
std::string env_name(std::string_view key);

// Names from `known` that `name` was probably meant to be (typos, missing section), closest first.
std::vector<std::string> close_matches(std::string_view name, const std::vector<std::string>& known,
                                       std::size_t limit = 3);

// " (did you mean a, b?)" or "" when nothing is close; for appending to error messages.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& known);

}  // namespace insights::config
