#include "emulator/record_id.h"

#include <set>

#include <gtest/gtest.h>

namespace insights::emulator {
namespace {

TEST(RecordId, GeneratesDistinct18CharacterIdsWithPrefix) {
  RecordIdGenerator ids;
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto id = ids.next("06V");
    EXPECT_EQ(id.size(), 18U);
    EXPECT_EQ(id.substr(0, 3), "06V");
    EXPECT_EQ(normalize_record_id(id), id);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100U);
}

TEST(RecordId, NormalizesFifteenCharacterIdsAndRefusesMalformedOnes) {
  RecordIdGenerator ids;
  const auto id = ids.next("06W");
  EXPECT_EQ(normalize_record_id(id.substr(0, 15)), id);
  EXPECT_EQ(normalize_record_id("06W123"), std::nullopt);
  EXPECT_EQ(normalize_record_id("06W5g0000000001-AA"), std::nullopt);
  auto wrong_suffix = id;
  wrong_suffix[17] = wrong_suffix[17] == 'Z' ? 'Y' : 'Z';
  EXPECT_EQ(normalize_record_id(wrong_suffix), std::nullopt);
}

}  // namespace
}  // namespace insights::emulator
