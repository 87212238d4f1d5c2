#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/retention_sweeper.h"
#include "shared/config/config.h"
#include "shared/kafka/kafka_conf.h"
#include "shared/salesforce/client.h"
#include "shared/salesforce/token_source_factory.h"
#include "workers/uploader/job_targets.h"
#include "workers/uploader/job_upload.h"
#include "workers/uploader/orgs_file.h"

namespace insights::cli {

// Options every subcommand shares: the config file and --set overrides.
struct GlobalOptions {
  std::string config_file;
  std::vector<std::string> overrides;
};

// Loads the configuration (defaults < file < INSIGHTS_* < flags) and starts logging as it says.
config::Config load_config(const GlobalOptions& options);

kafka::Properties kafka_properties(const config::Config& config);
// The store chunk_store.url names (chunk_store.path when empty), with the chunk_store.s3_* settings for S3.
std::unique_ptr<chunkstore::ChunkStore> open_chunk_store(const config::Config& config);
// The filesystem store's directory, or nullopt for an S3 store (for readiness checks and messages).
std::optional<std::filesystem::path> chunk_store_directory(const config::Config& config);
// Removes completed jobs' chunks older than chunk_store.retention every chunk_store.retention_sweep_interval, logging
// what it removed; nullptr when the interval is 0.
std::unique_ptr<chunkstore::RetentionSweeper> start_retention_sweeper(const config::Config& config,
                                                                      chunkstore::ChunkStore& store);
// chunk_store.url, or chunk_store.path when it is empty.
std::string chunk_store_url(const config::Config& config);
// The global salesforce.* login (auth flow and credentials).
salesforce::AuthSettings auth_settings(const config::Config& config);
// One organisation of salesforce.orgs_file; its secret is read from the variable or file the org names.
salesforce::AuthSettings auth_settings(const uploader::OrgSettings& org, const config::Config& config);
std::unique_ptr<salesforce::Client> make_salesforce_client(const config::Config& config);
uploader::UploadSettings upload_settings(const config::Config& config);
// Per-org targets from salesforce.orgs_file, or every org through the global settings when it is empty.
std::unique_ptr<uploader::JobTargets> make_job_targets(const config::Config& config);

}  // namespace insights::cli
