#pragma once
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace insights {

// Asks the CPU to bring the first `max_bytes` of `bytes` into cache now, so that reading them later does not wait
// for memory line by line.
inline void prefetch(std::string_view bytes, std::size_t max_bytes = 4096) {
  constexpr std::size_t kLine = 64;
  const std::size_t n = std::min(bytes.size(), max_bytes);
  for (std::size_t at = 0; at < n; at += kLine) __builtin_prefetch(bytes.data() + at);
}

}  // namespace insights
