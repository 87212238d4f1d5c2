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

TEST(OffsetTracker, KeepsPartitionsApartWhenMessagesAlternate) {
  OffsetTracker t;
  t.assign("meetings", 0);
  t.assign("meetings", 1);
  t.assign("availability", 0);
  t.processed("meetings", 0, 3);
  t.processed("meetings", 1, 7);
  t.processed("availability", 0, 11);
  t.processed("meetings", 0, 4);
  t.processed("meetings", 1, 5);  // behind its partition's position: no step back
  EXPECT_EQ(*t.safe_offset("meetings", 0), 5);
  EXPECT_EQ(*t.safe_offset("meetings", 1), 8);
  EXPECT_EQ(*t.safe_offset("availability", 0), 12);
}

TEST(OffsetTracker, StartsOverForAPartitionRevokedAndAssignedAgain) {
  OffsetTracker t;
  t.assign("meetings", 2);
  t.processed("meetings", 2, 40);
  t.revoke("meetings", 2);
  t.assign("meetings", 2);
  t.processed("meetings", 2, 10);  // the new owner's position: the old one is gone with the revoke
  EXPECT_EQ(*t.safe_offset("meetings", 2), 11);
  t.revoke("meetings", 2);
  t.processed("meetings", 2, 12);  // a message polled after the revoke still gets an entry of its own
  EXPECT_EQ(*t.safe_offset("meetings", 2), 13);
}

}  // namespace
}  // namespace insights::kafka
