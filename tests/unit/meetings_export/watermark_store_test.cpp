#include "producers/meetings/watermark_store.h"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/util/error.h"
#include "tests/unit/meetings_export/export_fixture.h"

namespace insights::meetings::test {
namespace {

using WatermarkStoreTest = ExportFixture;

TEST_F(WatermarkStoreTest, AdvancesDurablyAndNeverBackwards) {
  const auto dir = dir_ / "state" / "watermarks";  // created on first advance
  WatermarkStore store(dir);
  EXPECT_EQ(store.get("acme"), std::nullopt);
  store.advance("acme", "2026-11-20T11:00:00Z");
  EXPECT_EQ(WatermarkStore(dir).get("acme"), "2026-11-20T11:00:00Z");
  store.advance("acme", "2026-11-19T23:00:00Z");  // older: ignored
  EXPECT_EQ(store.get("acme"), "2026-11-20T11:00:00Z");
  store.advance("acme", "2026-11-21T00:00:00Z");
  EXPECT_EQ(store.get("acme"), "2026-11-21T00:00:00Z");
  // One file per org, no temporary files left behind.
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(names, ::testing::ElementsAre("acme.json"));
}

TEST_F(WatermarkStoreTest, RefusesBadValuesOrgIdsAndCorruptFiles) {
  WatermarkStore store(dir_);
  EXPECT_THROW(store.advance("acme", "2026-11-20T12:00:00+01:00"), Error);
  EXPECT_THROW(store.advance("../etc", "2026-11-20T11:00:00Z"), Error);
  std::ofstream(dir_ / "acme.json") << "{\"org\":\"acme\",\"last_modified\":\"yesterday\"}";
  try {
    store.get("acme");
    FAIL() << "corrupt watermark accepted";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr((dir_ / "acme.json").string()));
  }
}

}  // namespace
}  // namespace insights::meetings::test
