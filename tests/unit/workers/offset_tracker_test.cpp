#include "shared/kafka/offset_tracker.h"

#include <gtest/gtest.h>

namespace insights::kafka {
namespace {

TEST(OffsetTracker, NeverPassesTheFirstRecordOfAnOpenBatch) {
  OffsetTracker t;
  t.assign("data", 0);
  EXPECT_FALSE(t.safe_offset("data", 0));
  t.pin("data", 0, 10);
  t.processed("data", 0, 10);
  t.processed("data", 0, 11);
  t.pin("data", 0, 12);
  t.processed("data", 0, 12);
  EXPECT_EQ(*t.safe_offset("data", 0), 10);
  t.unpin("data", 0, 10);
  EXPECT_EQ(*t.safe_offset("data", 0), 12);
  t.unpin("data", 0, 12);
  EXPECT_EQ(*t.safe_offset("data", 0), 13);
}

TEST(OffsetTracker, PendingCommitsOnlyWhenMoved) {
  OffsetTracker t;
  t.assign("data", 1);
  t.processed("data", 1, 5);
  auto pending = t.pending_commits();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].offset, 6);
  t.mark_committed(pending);
  EXPECT_TRUE(t.pending_commits().empty());
  t.revoke("data", 1);
  EXPECT_FALSE(t.safe_offset("data", 1));
}

}  // namespace
}  // namespace insights::kafka
