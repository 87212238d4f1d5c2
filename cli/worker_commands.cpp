#include <fmt/format.h>

#include "cli/commands.h"
#include "shared/log/log.h"
#include "shared/metrics/health_server.h"
#include "shared/util/stop_signal.h"
#include "workers/batcher/batcher.h"
#include "workers/uploader/uploader.h"

namespace insights::cli {
namespace {

// /readyz: Kafka answers and the chunk store's directory is usable.
template <class Worker>
metrics::Readiness readiness(const Worker& worker, const std::optional<std::filesystem::path>& chunk_root) {
  if (!worker.kafka_reachable()) return {false, "no Kafka broker answers at kafka.bootstrap_servers"};
  std::error_code ec;
  if (chunk_root && !std::filesystem::is_directory(*chunk_root, ec)) {
    return {false, "chunk store " + chunk_root->string() + " is not a directory"};
  }
  return {true, {}};
}

std::unique_ptr<metrics::HealthServer> serve_health(const config::Config& config, const metrics::Registry& registry,
                                                    std::function<metrics::Readiness()> ready) {
  auto server = std::make_unique<metrics::HealthServer>(config.get("metrics.host"), static_cast<int>(config.get_int("metrics.port")),
                                                        registry, std::move(ready));
  log::info("serving /metrics, /healthz and /readyz",
            {log::field("url", fmt::format("http://{}:{}/metrics", config.get("metrics.host"), server->port()))});
  return server;
}

void run_batcher(const GlobalOptions& global) {
  StopSignal stop;
  auto config = load_config(global);
  auto store = open_chunk_store(config);
  batcher::BatcherOptions options;
  options.kafka = kafka_properties(config);
  options.group_id = config.get("batcher.group_id");
  options.compression_level = static_cast<int>(config.get_int("batcher.compression_level"));
  options.topic_partitions = static_cast<int>(config.get_int("kafka.topic_partitions"));
  options.open_batch_timeout = config.get_duration("batcher.open_batch_timeout");
  metrics::Registry registry;
  options.metrics = &registry;
  batcher::Batcher worker(options, *store);
  const auto chunk_root = chunk_store_directory(config);
  auto health = serve_health(config, registry, [&] { return readiness(worker, chunk_root); });
  log::info("batcher started", {log::field("group", options.group_id), log::field("chunk_store", chunk_store_url(config))});
  worker.run([&] { return stop.stop_requested(); });
  const auto& s = worker.stats();
  log::info("batcher stopped", {log::field("rows", s.rows), log::field("rejected", s.rejected),
                                log::field("batches_written", s.batches_written),
                                log::field("batches_incomplete", s.batches_incomplete)});
}

void run_uploader(const GlobalOptions& global) {
  StopSignal stop;
  auto config = load_config(global);
  auto store = open_chunk_store(config);
  auto targets = make_job_targets(config);
  uploader::UploaderOptions options;
  options.kafka = kafka_properties(config);
  options.group_id = config.get("uploader.group_id");
  options.upload = upload_settings(config);
  options.topic_partitions = static_cast<int>(config.get_int("kafka.topic_partitions"));
  options.quota_policy = uploader::parse_quota_policy(config.get("uploader.quota_policy"));
  options.waiting_report_after = config.get_duration("uploader.waiting_report_after");
  options.concurrent_jobs = static_cast<int>(config.get_int("uploader.concurrent_jobs"));
  metrics::Registry registry;
  options.metrics = &registry;
  uploader::Uploader worker(options, *store, *targets);
  const auto chunk_root = chunk_store_directory(config);
  auto health = serve_health(config, registry, [&] { return readiness(worker, chunk_root); });
  auto sweeper = start_retention_sweeper(config, *store);
  log::info("uploader started", {log::field("group", options.group_id),
                                 log::field("orgs_file", config.get("salesforce.orgs_file")),
                                 log::field("login_url", config.get("salesforce.login_url")),
                                 log::field("parallel_parts", options.upload.parallel_parts),
                                 log::field("concurrent_jobs", options.concurrent_jobs)});
  worker.run([&] { return stop.stop_requested(); });
  const auto& s = worker.stats();
  log::info("uploader stopped", {log::field("jobs_completed", s.jobs_completed), log::field("jobs_failed", s.jobs_failed),
                                 log::field("job_retries", s.job_retries), log::field("quota_waits", s.quota_waits)});
}

}  // namespace

void add_batcher_command(CLI::App& app, const GlobalOptions& global) {
  app.add_subcommand("batcher", "Pack data records into gzip chunks (runs until SIGINT/SIGTERM)")
      ->callback([&global] { run_batcher(global); });
}

void add_uploader_command(CLI::App& app, const GlobalOptions& global) {
  app.add_subcommand("uploader", "Upload complete jobs to the External Data API (runs until SIGINT/SIGTERM)")
      ->callback([&global] { run_uploader(global); });
}

}  // namespace insights::cli
