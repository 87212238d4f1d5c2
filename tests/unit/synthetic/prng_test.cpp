#include "producers/synthetic/prng.h"

#include <array>
#include <set>

#include <gtest/gtest.h>

namespace insights::synthetic {
namespace {

TEST(Prng, SplitmixMatchesTheReferenceSequence) {
  // First outputs of the reference splitmix64.c seeded with 0.
  std::uint64_t state = 0;
  EXPECT_EQ(splitmix64(state), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(splitmix64(state), 0x6E789E6AA1B965F4ULL);
}

TEST(Prng, SameSeedGivesSameSequenceAndOtherSeedsDiffer) {
  Xoshiro256 a(42);
  Xoshiro256 b(42);
  Xoshiro256 c(43);
  bool any_difference = false;
  for (int i = 0; i < 100; ++i) {
    const auto value = a.next();
    EXPECT_EQ(value, b.next());
    any_difference = any_difference || value != c.next();
  }
  EXPECT_TRUE(any_difference);
}

TEST(Prng, OrgTakesPartInTheSeed) {
  EXPECT_NE(org_seed(1, "bank-a"), org_seed(1, "bank-b"));
  EXPECT_NE(org_seed(1, "bank-a"), org_seed(2, "bank-a"));
  EXPECT_EQ(org_seed(7, "bank-a"), org_seed(7, "bank-a"));
}

TEST(Prng, DerivedSeedsDependOnEveryPartAndItsPosition) {
  std::set<std::uint64_t> seeds{derive_seed(1, 1, 2, 3), derive_seed(1, 3, 2, 1), derive_seed(1, 1, 2, 4),
                                derive_seed(2, 1, 2, 3), derive_seed(1, 2, 1, 3)};
  EXPECT_EQ(seeds.size(), 5U);
}

TEST(Prng, BoundedDrawsStayInRangeAndCoverIt) {
  Xoshiro256 rng(5);
  std::array<int, 7> seen{};
  for (int i = 0; i < 10000; ++i) {
    const auto value = rng.below(7);
    ASSERT_LT(value, 7U);
    ++seen[value];
    const auto ranged = rng.between(-5, 10);
    ASSERT_GE(ranged, -5);
    ASSERT_LE(ranged, 10);
  }
  for (const int count : seen) {
    EXPECT_GT(count, 1000);  // about 1428 each
  }
}

TEST(Prng, WeightedDrawNeverPicksAZeroWeight) {
  Xoshiro256 rng(9);
  constexpr std::array<std::uint32_t, 4> kWeights{0, 3, 0, 1};
  std::array<int, 4> seen{};
  for (int i = 0; i < 4000; ++i) {
    ++seen[rng.weighted(kWeights)];
  }
  EXPECT_EQ(seen[0], 0);
  EXPECT_EQ(seen[2], 0);
  EXPECT_GT(seen[1], 2 * seen[3]);
  EXPECT_GT(seen[3], 0);
}

}  // namespace
}  // namespace insights::synthetic
