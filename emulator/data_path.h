#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace insights::emulator {

inline constexpr int kMinApiVersion = 31;
inline constexpr int kMaxApiVersion = 67;

// "/services/data/v62.0/sobjects/X/id" split into the API version and the segments after it.
struct DataPath {
  int api_version = 0;
  std::vector<std::string> segments;
};

// Throws ApiError 404 NOT_FOUND for a path outside /services/data/vNN.0 or a version this API does not serve.
DataPath parse_data_path(std::string_view path);

std::string version_prefix(int api_version);  // "/services/data/v62.0"

}  // namespace insights::emulator
