#include "shared/salesforce/header_status.h"

#include <gtest/gtest.h>

namespace insights::salesforce {
namespace {

TEST(IsTerminal, TheFourTerminalStatuses) {
  EXPECT_TRUE(is_terminal("Completed"));
  EXPECT_TRUE(is_terminal("CompletedWithWarnings"));
  EXPECT_TRUE(is_terminal("Failed"));
  EXPECT_TRUE(is_terminal("NotProcessed"));
}

TEST(IsTerminal, RunningAndUnknownStatusesAreNot) {
  EXPECT_FALSE(is_terminal("New"));
  EXPECT_FALSE(is_terminal("Queued"));
  EXPECT_FALSE(is_terminal("InProgress"));
  EXPECT_FALSE(is_terminal(""));
  EXPECT_FALSE(is_terminal("completed"));  // picklist values are canonical in responses
  EXPECT_FALSE(is_terminal("CompletedSoon"));
}

TEST(IsTerminal, LabelsWithSpacesCount) {
  EXPECT_TRUE(is_terminal("Not Processed"));
  EXPECT_TRUE(is_terminal("Completed With Warnings"));
  EXPECT_FALSE(is_terminal("In Progress"));
}

}  // namespace
}  // namespace insights::salesforce
