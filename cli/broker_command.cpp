#include <fmt/format.h>

#include "cli/commands.h"
#include "shared/kafka/mock_cluster.h"
#include "shared/log/log.h"
#include "shared/schema/schema.h"
#include "shared/util/stop_signal.h"

namespace insights::cli {

void create_pipeline_topics(kafka::MockCluster& cluster, int partitions) {
  const auto& topics = schema::schema().topics;
  for (const auto* topic : {&topics.meetings, &topics.availability, &topics.batches}) cluster.create_topic(*topic, partitions);
  cluster.create_topic(topics.records_dlq, 1);
  cluster.create_topic(topics.batches_dlq, 1);
}

namespace {

void run_broker(const GlobalOptions& global, int partitions) {
  StopSignal stop;
  load_config(global);
  kafka::MockCluster cluster(1);
  create_pipeline_topics(cluster, partitions);
  log::warn("the embedded broker keeps at most 100,000 message sets or 5 MB per partition and silently drops older "
            "ones; use it for demos and fast tests, and a real Kafka broker (scripts/kafka start) for real nights");
  fmt::print("{}\n", cluster.bootstrap_servers());
  std::fflush(stdout);
  stop.wait();
}

}  // namespace

void add_broker_command(CLI::App& app, const GlobalOptions& global) {
  auto partitions = std::make_shared<int>(4);
  auto* cmd = app.add_subcommand("broker", "Serve the embedded Kafka broker (librdkafka mock cluster) on loopback; "
                                           "prints its bootstrap address, runs until SIGINT/SIGTERM");
  cmd->add_option("--partitions", *partitions, "Partitions of the data and batch topics")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->callback([&global, partitions] { run_broker(global, *partitions); });
}

}  // namespace insights::cli
