#include "emulator/row_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/util/error.h"

namespace insights::emulator {
namespace {

using ::testing::ElementsAre;

TEST(RowTable, KeepsEveryCellIncludingEmptyOnes) {
  RowTable table(3);
  table.append(std::vector<std::string>{"a", "", "a value longer than the small-string buffer"});
  table.append(std::vector<std::string_view>{"", "", ""});
  table.append(std::vector<std::string_view>{"x", "yy", "zzz"});
  ASSERT_EQ(table.size(), 3U);
  EXPECT_THAT(table.row(0), ElementsAre("a", "", "a value longer than the small-string buffer"));
  EXPECT_THAT(table.row(1), ElementsAre("", "", ""));
  EXPECT_EQ(table.cell(2, 0), "x");
  EXPECT_EQ(table.cell(2, 1), "yy");
  EXPECT_EQ(table.cell(2, 2), "zzz");
}

TEST(RowTable, RefusesARowOfAnotherWidth) {
  RowTable table(2);
  EXPECT_THROW(table.append(std::vector<std::string>{"only one"}), insights::Error);
  EXPECT_TRUE(table.empty());
}

TEST(RowTable, CountsRowsOfNoColumns) {
  RowTable table(0);
  table.append(std::vector<std::string>{});
  table.append(std::vector<std::string>{});
  EXPECT_EQ(table.size(), 2U);
}

}  // namespace
}  // namespace insights::emulator
