#pragma once
#include <memory>
#include <string>
#include <vector>

#include "shared/chunkstore/chunk_store.h"
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
std::unique_ptr<chunkstore::ChunkStore> open_chunk_store(const config::Config& config);
// The global salesforce.* login (auth flow and credentials).
salesforce::AuthSettings auth_settings(const config::Config& config);
// One organisation of salesforce.orgs_file; its secret is read from the variable or file the org names.
salesforce::AuthSettings auth_settings(const uploader::OrgSettings& org, const config::Config& config);
std::unique_ptr<salesforce::Client> make_salesforce_client(const config::Config& config);
uploader::UploadSettings upload_settings(const config::Config& config);
// Per-org targets from salesforce.orgs_file, or every org through the global settings when it is empty.
std::unique_ptr<uploader::JobTargets> make_job_targets(const config::Config& config);

}  // namespace insights::cli
