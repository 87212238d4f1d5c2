#include "emulator/data_path.h"

#include <charconv>

#include <fmt/format.h>

#include "emulator/api_error.h"

namespace insights::emulator {

namespace {

constexpr std::string_view kDataRoot = "/services/data/";

int parse_version(std::string_view token) {
  // Only "vNN.0" names a version; anything else is an unknown resource, as on the real server.
  if (token.size() < 4 || token.front() != 'v' || !token.ends_with(".0")) throw not_found();
  const auto digits = token.substr(1, token.size() - 3);
  int version = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (ec != std::errc{} || end != digits.data() + digits.size()) throw not_found();
  if (version < kMinApiVersion || version > kMaxApiVersion) throw not_found();
  return version;
}

std::vector<std::string> split_segments(std::string_view rest) {
  std::vector<std::string> segments;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    if (!segment.empty()) segments.emplace_back(segment);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

DataPath parse_data_path(std::string_view path) {
  if (!path.starts_with(kDataRoot)) throw not_found();
  path.remove_prefix(kDataRoot.size());
  const auto slash = path.find('/');
  DataPath result;
  result.api_version = parse_version(path.substr(0, slash));
  if (slash != std::string_view::npos) result.segments = split_segments(path.substr(slash + 1));
  return result;
}

std::string version_prefix(int api_version) { return fmt::format("/services/data/v{}.0", api_version); }

}  // namespace insights::emulator
