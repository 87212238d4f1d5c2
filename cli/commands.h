#pragma once
#include <CLI/CLI.hpp>

#include "cli/app_context.h"
#include "shared/kafka/mock_cluster.h"

namespace insights::cli {

// Each adds one subcommand to the `insights` binary; the callbacks run with the parsed global options.
void add_produce_command(CLI::App& app, const GlobalOptions& global);
void add_batcher_command(CLI::App& app, const GlobalOptions& global);
void add_uploader_command(CLI::App& app, const GlobalOptions& global);
void add_broker_command(CLI::App& app, const GlobalOptions& global);
void add_demo_command(CLI::App& app, const GlobalOptions& global);
void add_replay_command(CLI::App& app, const GlobalOptions& global);
void add_chunks_command(CLI::App& app, const GlobalOptions& global);
void add_docs_command(CLI::App& app);

// Creates the pipeline's topics on the embedded broker.
void create_pipeline_topics(kafka::MockCluster& cluster, int partitions);

// Exit codes shared by the subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

}  // namespace insights::cli
