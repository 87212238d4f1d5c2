#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "shared/kafka/kafka_conf.h"
#include "shared/kafka/mock_cluster.h"
#include "shared/schema/manifest.h"

namespace insights::testing {

// A mock cluster with the pipeline's topics and a scratch directory, for integration tests.
struct MockPipeline {
  MockPipeline();
  ~MockPipeline();
  kafka::Properties properties() const;  // bootstrap plus the settings the mock needs to be quick
  kafka::MockCluster cluster{1};
  std::filesystem::path dir;
};

// Reads insights.batches.v1 from the start until `done` says the manifests seen so far suffice, or the timeout.
struct ManifestsSeen {
  std::map<std::tuple<std::string, std::uint32_t>, schema::BatchManifest> batches;  // (job id, batch)
  std::map<std::string, schema::JobManifest> jobs;
};
ManifestsSeen read_manifests(const kafka::Properties& properties, const std::function<bool(const ManifestsSeen&)>& done,
                             std::chrono::seconds timeout);

// Inflates a raw deflate segment (a chunk); fails the test on corrupt data.
std::string inflate_raw(const std::string& compressed);

}  // namespace insights::testing
