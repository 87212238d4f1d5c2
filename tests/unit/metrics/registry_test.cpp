#include "shared/metrics/registry.h"

#include <gtest/gtest.h>

namespace insights::metrics {
namespace {

TEST(Registry, RendersPrometheusText) {
  Registry r;
  r.counter("insights_records_total", "Records consumed", {{"dataset", "meetings"}}).add(3);
  r.counter("insights_records_total", "Records consumed", {{"dataset", "meetings"}}).add(2);
  r.gauge("insights_open_batches", "Open batches").set(4);
  auto& h = r.histogram("insights_upload_seconds", "Upload latency", {1, 10});
  h.observe(0.5);
  h.observe(5);
  h.observe(50);
  const auto text = r.render();
  EXPECT_NE(text.find("# TYPE insights_records_total counter\ninsights_records_total{dataset=\"meetings\"} 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_open_batches 4\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_upload_seconds_bucket{le=\"1\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_upload_seconds_bucket{le=\"10\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_upload_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("insights_upload_seconds_count 3\n"), std::string::npos) << text;
}

TEST(Registry, EscapesLabelValuesAndRefusesTypeClashes) {
  Registry r;
  r.counter("c_total", "c", {{"reason", "bad \"quote\"\nline"}}).add();
  EXPECT_NE(r.render().find(R"(c_total{reason="bad \"quote\"\nline"} 1)"), std::string::npos) << r.render();
  EXPECT_THROW(r.gauge("c_total", "c"), std::exception);
}

}  // namespace
}  // namespace insights::metrics
