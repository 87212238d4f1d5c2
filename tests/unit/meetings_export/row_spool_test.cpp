#include "producers/meetings/row_spool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/meetings_export/export_fixture.h"

namespace insights::meetings::test {
namespace {

using RowSpoolTest = ExportFixture;

TEST_F(RowSpoolTest, ReplaysEachOrgsRowsInOrderAndCleansUp) {
  std::filesystem::path spool_dir;
  {
    RowSpool spool(dir_);
    spool_dir = spool.dir();
    spool.append("acme", R"({"meeting_id":"a1"})");
    spool.append("beta", R"({"meeting_id":"b1"})");
    spool.append("acme", R"({"meeting_id":"a2","note":"line\nbreak"})");
    std::vector<std::string> rows;
    EXPECT_EQ(spool.replay("acme", [&](std::string_view row) { rows.emplace_back(row); }), 2U);
    EXPECT_THAT(rows, ::testing::ElementsAre(R"({"meeting_id":"a1"})", R"({"meeting_id":"a2","note":"line\nbreak"})"));
    rows.clear();
    EXPECT_EQ(spool.replay("beta", [&](std::string_view row) { rows.emplace_back(row); }), 1U);
    EXPECT_EQ(spool.replay("gamma", [&](std::string_view row) { rows.emplace_back(row); }), 0U);
    EXPECT_THROW(spool.append("acme", "{}"), Error);
    EXPECT_TRUE(std::filesystem::exists(spool_dir));
  }
  EXPECT_FALSE(std::filesystem::exists(spool_dir));
}

}  // namespace
}  // namespace insights::meetings::test
