#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace insights::synthetic {

inline constexpr std::uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;

// splitmix64's finaliser: a good 64-bit mixer, used to seed and to derive independent streams.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t splitmix64(std::uint64_t& state) { return mix64(state += kGoldenGamma); }

// FNV-1a, so that the organisation id takes part in the seed: two orgs with one seed get different data.
constexpr std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// Seed of one independent stream, e.g. (base, location, advisor, day). Streams per entity keep a row's
// values independent of how many other rows are generated.
constexpr std::uint64_t derive_seed(std::uint64_t base, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) {
  std::uint64_t hash = mix64(base + kGoldenGamma);
  for (const std::uint64_t part : {a, b, c}) {
    hash = mix64(hash ^ mix64(part + kGoldenGamma));
  }
  return hash;
}

constexpr std::uint64_t org_seed(std::uint64_t seed, std::string_view org) {
  return derive_seed(seed, fnv1a64(org));
}

// xoshiro256** 1.0 (Blackman, Vigna): fast, small state, reproducible on every platform.
class Xoshiro256 {
 public:
  explicit constexpr Xoshiro256(std::uint64_t seed) {
    for (auto& word : state_) {
      word = splitmix64(seed);
    }
  }

  constexpr std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, bound) by multiply-shift on the high 32 bits; bound must be at most 2^32.
  constexpr std::uint32_t below(std::uint64_t bound) {
    return static_cast<std::uint32_t>(((next() >> 32) * bound) >> 32);
  }

  // Uniform in [low, high].
  constexpr std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + below(static_cast<std::uint64_t>(high - low + 1));
  }

  constexpr bool chance(std::uint32_t percent) { return below(100) < percent; }

  // Index drawn with the given relative weights (not all zero).
  constexpr std::size_t weighted(std::span<const std::uint32_t> weights) {
    std::uint64_t total = 0;
    for (const auto w : weights) {
      total += w;
    }
    std::uint64_t pick = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (pick < weights[i]) {
        return i;
      }
      pick -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::array<std::uint64_t, 4> state_{};
};

}  // namespace insights::synthetic
