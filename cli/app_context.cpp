#include "cli/app_context.h"

#include <cstdlib>

#include "shared/chunkstore/file_chunk_store.h"
#include "shared/log/log.h"

namespace insights::cli {

config::Config load_config(const GlobalOptions& options) {
  std::optional<std::filesystem::path> file;
  if (!options.config_file.empty()) {
    file = options.config_file;
  } else if (const char* env = std::getenv(std::string(config::kConfigFileVariable).c_str()); env && *env) {
    file = env;
  }
  auto config = config::Config::load(config::key_definitions(), file, config::Config::process_environment(), options.overrides);
  log::init(config.get("log.level"), config.get("log.format"));
  return config;
}

kafka::Properties kafka_properties(const config::Config& config) {
  kafka::Properties properties{{"bootstrap.servers", config.get("kafka.bootstrap_servers")},
                               {"session.timeout.ms", config.get("kafka.session_timeout_ms")}};
  auto extra = kafka::parse_properties(config.get("kafka.extra"));
  properties.insert(properties.end(), extra.begin(), extra.end());
  return properties;
}

std::unique_ptr<chunkstore::ChunkStore> open_chunk_store(const config::Config& config) {
  return std::make_unique<chunkstore::FileChunkStore>(config.get("chunk_store.path"));
}

std::unique_ptr<salesforce::Client> make_salesforce_client(const config::Config& config) {
  salesforce::Credentials credentials{config.get("salesforce.login_url"), config.get("salesforce.client_id"),
                                      config.get("salesforce.client_secret")};
  salesforce::ClientOptions options;
  options.api_version = config.get("salesforce.api_version");
  return std::make_unique<salesforce::Client>(std::move(credentials), std::move(options));
}

uploader::UploadSettings upload_settings(const config::Config& config) {
  uploader::UploadSettings settings;
  settings.alias_template = config.get("salesforce.alias_template");
  settings.app = config.get("salesforce.app");
  settings.max_part_bytes = static_cast<std::size_t>(config.get_int("uploader.max_part_bytes"));
  settings.compression_level = static_cast<int>(config.get_int("batcher.compression_level"));
  settings.job_timeout = config.get_duration("uploader.job_timeout");
  return settings;
}

}  // namespace insights::cli
