#pragma once
#include <cstdint>
#include <random>
#include <string>

namespace insights::gzip::testing {

inline std::string random_bytes(std::size_t size, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

// Rows shaped like the meetings export: compressible but not trivially so.
inline std::string csv_like(std::size_t min_bytes, std::uint64_t seed) {
  static constexpr const char* kStatus[] = {"completed", "no_show", "cancelled"};
  static constexpr const char* kFormat[] = {"in_person", "video", "phone"};
  std::mt19937_64 rng(seed);
  std::string out;
  out.reserve(min_bytes + 256);
  std::uint64_t id = seed * 1000003;
  while (out.size() < min_bytes) {
    ++id;
    out += "m-" + std::to_string(id) + ",org-" + std::to_string(rng() % 50) + ",2024-0" +
           std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10) + "T" + std::to_string(10 + rng() % 14) +
           ":00:00Z," + kStatus[rng() % 3] + "," + kFormat[rng() % 3] + ",\"Advice, " + std::to_string(rng() % 1000) +
           "\"," + std::to_string(rng() % 120) + "\n";
  }
  return out;
}

}  // namespace insights::gzip::testing
