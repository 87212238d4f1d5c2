#pragma once
#include <memory>
#include <string>
#include <vector>

#include "shared/chunkstore/chunk_store.h"
#include "shared/config/config.h"
#include "shared/kafka/kafka_conf.h"
#include "shared/salesforce/client.h"
#include "workers/uploader/job_upload.h"

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
std::unique_ptr<salesforce::Client> make_salesforce_client(const config::Config& config);
uploader::UploadSettings upload_settings(const config::Config& config);

}  // namespace insights::cli
