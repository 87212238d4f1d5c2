#include "workers/uploader/quota.h"

#include <gtest/gtest.h>

#include "workers/uploader/usage_reader.h"

namespace insights::uploader {
namespace {

TEST(Quota, JobsPerDatasetAndBytesPerDay) {
  const QuotaLimits limits;
  EXPECT_FALSE(quota_excess({49, 0}, 1000, limits, "meetings_acme"));
  auto excess = quota_excess({50, 0}, 1000, limits, "meetings_acme");
  ASSERT_TRUE(excess);
  EXPECT_NE(excess->find("meetings_acme already has 50 jobs"), std::string::npos) << *excess;
  EXPECT_FALSE(quota_excess({0, 49'000'000'000}, 1'000'000'000, limits, "a"));
  excess = quota_excess({0, 49'000'000'000}, 1'000'000'001, limits, "a");
  ASSERT_TRUE(excess);
  EXPECT_NE(excess->find("50000000000"), std::string::npos) << *excess;
}

TEST(Quota, BudgetLeftCountsTheJobThatGoesAheadAndNeverGoesBelowZero) {
  const QuotaLimits limits{50, 1000};
  auto budget = quota_budget({10, 300}, 200, true, limits, "acme", "meetings");
  EXPECT_EQ(budget.org, "acme");
  EXPECT_EQ(budget.dataset, "meetings");
  EXPECT_EQ(budget.jobs_left, 39u);
  EXPECT_EQ(budget.bytes_left, 500u);
  budget = quota_budget({10, 300}, 200, false, limits, "acme", "meetings");  // held back: nothing of it counts
  EXPECT_EQ(budget.jobs_left, 40u);
  EXPECT_EQ(budget.bytes_left, 700u);
  budget = quota_budget({60, 5000}, 200, false, limits, "acme", "meetings");  // others used more than the limit
  EXPECT_EQ(budget.jobs_left, 0u);
  EXPECT_EQ(budget.bytes_left, 0u);
}

TEST(Quota, PolicyNames) {
  EXPECT_EQ(parse_quota_policy("wait"), QuotaPolicy::Wait);
  EXPECT_EQ(parse_quota_policy("dlq"), QuotaPolicy::DeadLetter);
  EXPECT_THROW(parse_quota_policy("skip"), Error);
}

TEST(Quota, SoqlDateTimeLiteral) {
  using namespace std::chrono;
  const auto t = sys_days{year{2026} / 11 / 23} + hours{22};
  EXPECT_EQ(soql_datetime(t), "2026-11-23T22:00:00Z");
}

}  // namespace
}  // namespace insights::uploader
