#include "producers/run_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "shared/util/error.h"

namespace insights::producers {
namespace {

ProducedJob job(const std::string& org, const std::string& run, std::uint64_t records) {
  return {{org, "availability", run}, {1, records}};
}

struct TempDir {
  TempDir() : path(std::filesystem::temp_directory_path() / ("run-report-" + std::to_string(::getpid()) + "-" +
                                                             ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::filesystem::path path;
};

TEST(RunReport, DriftIsTheMagnitudeOfTheChangeInPercent) {
  EXPECT_DOUBLE_EQ(row_drift_percent(1000, 1200), 20.0);
  EXPECT_DOUBLE_EQ(row_drift_percent(1000, 750), 25.0);
  EXPECT_DOUBLE_EQ(row_drift_percent(1000, 1000), 0.0);
  EXPECT_DOUBLE_EQ(row_drift_percent(0, 0), 0.0);
  EXPECT_TRUE(std::isinf(row_drift_percent(0, 5)));
}

TEST(RunReport, WarnsOnlyAboveTheThreshold) {
  const std::map<std::string, RunCount> previous{{"acme", {"r1", 1000, "t", std::nullopt}},
                                                 {"northbank", {"r1", 1000, "t", std::nullopt}}};
  const auto report = build_run_report({job("acme", "r2", 1200), job("northbank", "r2", 1201), job("new", "r2", 10)},
                                       previous, 20);
  ASSERT_EQ(report.size(), 3u);
  EXPECT_FALSE(report[0].drift_warning);  // exactly 20 %
  EXPECT_TRUE(report[1].drift_warning);
  EXPECT_EQ(report[1].previous_rows, 1000u);
  EXPECT_NEAR(*report[1].drift_percent, 20.1, 1e-9);
  EXPECT_FALSE(report[2].previous_rows.has_value());  // first run of the org: nothing to compare with
  EXPECT_FALSE(report[2].drift_warning);
}

TEST(RunReport, RerunOfTheSameRunComparesWithTheRunBefore) {
  // acme's stored entry is run r2 (500 rows, after r1's 1000): re-running r2 must still show the drop.
  const std::map<std::string, RunCount> previous{{"acme", {"r2", 500, "t", 1000}}};
  const auto report = build_run_report({job("acme", "r2", 500)}, previous, 20);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].previous_rows, 1000u);
  EXPECT_TRUE(report[0].drift_warning);
  const auto counts = updated_counts(previous, report, "t2");
  EXPECT_EQ(counts.at("acme"), (RunCount{"r2", 500, "t2", 1000}));
}

TEST(RunReport, UpdatedCountsKeepOrgsThatDidNotRun) {
  const std::map<std::string, RunCount> previous{{"acme", {"r1", 10, "t", std::nullopt}}, {"idle", {"r1", 7, "t", std::nullopt}}};
  const auto counts = updated_counts(previous, build_run_report({job("acme", "r2", 12)}, previous, 20), "t2");
  EXPECT_EQ(counts.at("acme"), (RunCount{"r2", 12, "t2", 10}));
  EXPECT_EQ(counts.at("idle"), (RunCount{"r1", 7, "t", std::nullopt}));
}

TEST(RunReport, ReportRunStoresCountsAndPublishesMetrics) {
  TempDir dir;
  metrics::Registry registry;
  report_run({job("acme", "r1", 1000)}, {dir.path, 20}, &registry);
  const auto second = report_run({job("acme", "r2", 1500)}, {dir.path, 20}, &registry);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_TRUE(second[0].drift_warning);
  const auto stored = RunCountStore(dir.path, "availability").load();
  EXPECT_EQ(stored.at("acme").rows, 1500u);
  EXPECT_EQ(stored.at("acme").baseline, 1000u);
  const auto text = registry.render();
  EXPECT_NE(text.find("insights_producer_run_rows{org=\"acme\",dataset=\"availability\"} 1500\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_producer_row_drift_percent{org=\"acme\",dataset=\"availability\"} 50\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_producer_records_total{dataset=\"availability\"} 2500\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_producer_drift_warnings_total{dataset=\"availability\"} 1\n"), std::string::npos) << text;
}

TEST(RunCountStore, RoundTripsAndStartsEmpty) {
  TempDir dir;
  RunCountStore store(dir.path, "meetings");
  EXPECT_TRUE(store.load().empty());
  const std::map<std::string, RunCount> counts{{"acme", {"r1", 3, "2026-11-24T23:31:00Z", std::nullopt}},
                                               {"northbank", {"r2", 5, "2026-11-24T23:32:00Z", 4}}};
  store.save(counts);
  EXPECT_EQ(store.load(), counts);
  EXPECT_EQ(store.file(), dir.path / "run-counts-meetings.json");
}

TEST(RunCountStore, CorruptFileIsRefusedWithWhatToDo) {
  TempDir dir;
  RunCountStore store(dir.path, "meetings");
  std::filesystem::create_directories(dir.path);
  for (const char* text : {"{not json", R"({"dataset":"availability","orgs":{}})", R"({"dataset":"meetings","orgs":{"acme":{"rows":-1}}})"}) {
    std::ofstream(store.file()) << text;
    try {
      store.load();
      ADD_FAILURE() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("delete it"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace insights::producers
