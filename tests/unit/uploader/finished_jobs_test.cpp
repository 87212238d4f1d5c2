#include "workers/uploader/finished_jobs.h"

#include <gtest/gtest.h>

namespace insights::uploader {
namespace {

TEST(FinishedJobs, RemembersOutcomesUpToItsCapacityOldestForgottenFirst) {
  FinishedJobs finished(3);
  finished.remember("a", "Completed");
  finished.remember("b", "Failed");
  finished.remember("c", "Completed");
  EXPECT_EQ(finished.outcome("b"), "Failed");
  finished.remember("d", "Completed");
  EXPECT_EQ(finished.size(), 3u);
  EXPECT_FALSE(finished.outcome("a").has_value());
  EXPECT_EQ(finished.outcome("d"), "Completed");
}

TEST(FinishedJobs, AJobFinishedAgainBecomesTheNewest) {
  FinishedJobs finished(2);
  finished.remember("a", "Failed");
  finished.remember("b", "Completed");
  finished.remember("a", "Completed");  // replayed and loaded
  finished.remember("c", "Completed");
  EXPECT_FALSE(finished.outcome("b").has_value());
  EXPECT_EQ(finished.outcome("a"), "Completed");
  EXPECT_EQ(finished.outcome("c"), "Completed");
}

TEST(FinishedJobs, ForgottenJobsAreNotReportedAndFreeTheirPlace) {
  FinishedJobs finished(2);
  finished.remember("a", "Completed");
  finished.remember("b", "Completed");
  finished.forget("a");
  finished.remember("c", "Completed");
  EXPECT_FALSE(finished.outcome("a").has_value());
  EXPECT_EQ(finished.outcome("b"), "Completed");
  EXPECT_EQ(finished.outcome("c"), "Completed");
}

TEST(FinishedJobs, StaysBoundedWhenTheSameJobsFinishOverAndOver) {
  FinishedJobs finished(2);
  for (int i = 0; i < 1000; ++i) finished.remember(i % 2 ? "a" : "b", "Completed");
  EXPECT_EQ(finished.size(), 2u);
  EXPECT_EQ(finished.outcome("a"), "Completed");
  EXPECT_EQ(finished.outcome("b"), "Completed");
}

}  // namespace
}  // namespace insights::uploader
