#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace insights {

// Short copies and comparisons inline, eight bytes at a time, instead of a libc call each: a row has about thirty
// of each. Neither reads nor writes outside the ranges given.

inline std::uint64_t load8(const char* at) {
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

inline bool equal_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load8(a + i) != load8(b + i)) return false;
    }
    return load8(a + n - 8) == load8(b + n - 8);  // the last eight bytes, overlapping what was compared
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

inline char* copy_bytes(char* to, std::string_view from) {
  const std::size_t n = from.size();
  if (n > 32) {
    std::memcpy(to, from.data(), n);
  } else if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      const std::uint64_t word = load8(from.data() + i);
      std::memcpy(to + i, &word, sizeof word);
    }
    const std::uint64_t last = load8(from.data() + n - 8);
    std::memcpy(to + n - 8, &last, sizeof last);
  } else {
    for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
  }
  return to + n;
}

}  // namespace insights
