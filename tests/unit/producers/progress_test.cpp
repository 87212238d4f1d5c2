#include "producers/progress.h"

#include <gtest/gtest.h>

namespace insights::producers {
namespace {

TEST(Progress, LineShowsRecordsShareRateAndEta) {
  Progress progress("availability acme", 1000, false);
  progress.add(250);
  const auto line = progress.line(std::chrono::steady_clock::now() + std::chrono::seconds(10));
  EXPECT_NE(line.find("availability acme: records 250 (25%)"), std::string::npos) << line;
  EXPECT_NE(line.find("rate 25/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 30s"), std::string::npos) << line;
}

TEST(Progress, NoEtaWithoutAnExpectedTotal) {
  Progress progress("meetings", 0, false);
  progress.add(5);
  const auto line = progress.line(std::chrono::steady_clock::now() + std::chrono::seconds(1));
  EXPECT_EQ(line.find("ETA"), std::string::npos) << line;
  EXPECT_EQ(line.find('%'), std::string::npos) << line;
}

}  // namespace
}  // namespace insights::producers
