#include "shared/metrics/health_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>

namespace insights::metrics {
namespace {

TEST(HealthServer, ServesMetricsHealthAndReadiness) {
  Registry registry;
  registry.counter("insights_batches_written_total", "Batches").add(7);
  std::atomic<bool> ready{false};
  HealthServer server("127.0.0.1", 0, registry, [&] { return Readiness{ready.load(), "not connected to Kafka"}; });
  httplib::Client client("127.0.0.1", server.port());
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("insights_batches_written_total 7"), std::string::npos);
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  auto not_ready = client.Get("/readyz");
  EXPECT_EQ(not_ready->status, 503);
  EXPECT_NE(not_ready->body.find("not connected to Kafka"), std::string::npos);
  ready = true;
  EXPECT_EQ(client.Get("/readyz")->status, 200);
}

}  // namespace
}  // namespace insights::metrics
