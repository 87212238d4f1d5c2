#include "cli/app_context.h"

#include <cstdlib>

#include <fmt/format.h>

#include "shared/chunkstore/chunk_store_factory.h"
#include "shared/config/secret_file.h"
#include "shared/log/log.h"
#include "workers/uploader/usage_reader.h"

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

std::string chunk_store_url(const config::Config& config) {
  const std::string url = config.get("chunk_store.url");
  return url.empty() ? config.get("chunk_store.path") : url;
}

std::optional<std::filesystem::path> chunk_store_directory(const config::Config& config) {
  const std::string url = chunk_store_url(config);
  if (chunkstore::store_kind(url) != chunkstore::StoreKind::File) return std::nullopt;
  return chunkstore::file_store_root(url);
}

namespace {

std::string env_value(const std::string& name) {
  const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
  return value == nullptr ? std::string() : std::string(value);
}

// Endpoint, region, addressing and credentials; the URL adds bucket and prefix. Secrets are never logged.
chunkstore::S3Settings s3_settings(const config::Config& config) {
  chunkstore::S3Settings s3;
  s3.endpoint = config.get("chunk_store.s3_endpoint");
  s3.region = config.get("chunk_store.s3_region");
  s3.path_style = config.get_bool("chunk_store.s3_path_style");
  s3.spool_dir = config.get("chunk_store.s3_spool_dir");
  const std::string access_env = config.get("chunk_store.s3_access_key_env");
  const std::string secret_env = config.get("chunk_store.s3_secret_key_env");
  const std::string secret_file = config.get("chunk_store.s3_secret_key_file");
  s3.access_key = env_value(access_env);
  if (!secret_file.empty()) {
    s3.secret_key = config::read_secret_file(secret_file, "chunk_store.s3_secret_key_file");
    s3.credentials_source = fmt::format("environment variable {} and file {}", access_env, secret_file);
  } else {
    s3.secret_key = env_value(secret_env);
    s3.credentials_source = fmt::format("environment variables {} / {}", access_env, secret_env);
  }
  return s3;
}

}  // namespace

std::unique_ptr<chunkstore::ChunkStore> open_chunk_store(const config::Config& config) {
  const std::string url = chunk_store_url(config);
  if (chunkstore::store_kind(url) == chunkstore::StoreKind::File) return chunkstore::open_chunk_store(url, {});
  return chunkstore::open_chunk_store(url, s3_settings(config));
}

std::unique_ptr<chunkstore::RetentionSweeper> start_retention_sweeper(const config::Config& config,
                                                                      chunkstore::ChunkStore& store) {
  const auto interval = config.get_duration("chunk_store.retention_sweep_interval");
  if (interval.count() <= 0) return nullptr;
  const auto retention = config.get_duration("chunk_store.retention");
  return std::make_unique<chunkstore::RetentionSweeper>(
      store, retention, interval,
      [](const chunkstore::ExpiryReport& report) {
        for (const auto& problem : report.problems) log::warn("chunk retention skipped a job", {log::field("reason", problem)});
        if (report.expired.empty()) return;
        log::info("expired chunks of completed jobs", {log::field("jobs", report.expired.size()),
                                                       log::field("chunks", report.chunks_removed)});
      },
      [](const std::string& error) { log::error("chunk retention sweep failed; next try after the interval", {log::field("error", error)}); });
}

namespace {

std::string org_secret(const uploader::OrgSettings& org) {
  if (!org.client_secret_file.empty()) {
    return config::read_secret_file(org.client_secret_file, fmt::format("client_secret_file of org {}", org.name));
  }
  const char* value = std::getenv(org.client_secret_env.c_str());
  if (value == nullptr || *value == '\0') {
    throw Error(fmt::format("org {}: environment variable {} (its client_secret_env) is not set; export the "
                            "connected app's secret there",
                            org.name, org.client_secret_env));
  }
  return value;
}

uploader::Connection make_connection(const salesforce::AuthSettings& auth, const std::string& api_version) {
  salesforce::ClientOptions options;
  options.api_version = api_version;
  uploader::Connection connection;
  connection.client = std::make_unique<salesforce::Client>(salesforce::make_token_source(auth), options);
  // The quota reader signs in on its own; its token never mixes with the client's.
  connection.usage = std::make_unique<uploader::SoqlUsageReader>(salesforce::make_token_source(auth), api_version);
  return connection;
}

}  // namespace

salesforce::AuthSettings auth_settings(const config::Config& config) {
  return {config.get("salesforce.auth_flow"),   config.get("salesforce.login_url"), config.get("salesforce.client_id"),
          config.get("salesforce.client_secret"), config.get("salesforce.username"),
          config.get("salesforce.jwt_audience"), config.get("salesforce.jwt_key_file")};
}

salesforce::AuthSettings auth_settings(const uploader::OrgSettings& org, const config::Config& config) {
  salesforce::AuthSettings auth{org.auth_flow, org.login_url, org.client_id, {}, org.username,
                                org.jwt_audience.empty() ? config.get("salesforce.jwt_audience") : org.jwt_audience,
                                org.jwt_key_file};
  if (org.auth_flow == "client_credentials") auth.client_secret = org_secret(org);
  return auth;
}

std::unique_ptr<salesforce::Client> make_salesforce_client(const config::Config& config) {
  salesforce::ClientOptions options;
  options.api_version = config.get("salesforce.api_version");
  return std::make_unique<salesforce::Client>(salesforce::make_token_source(auth_settings(config)), std::move(options));
}

std::unique_ptr<uploader::JobTargets> make_job_targets(const config::Config& config) {
  const std::string api_version = config.get("salesforce.api_version");
  const std::string orgs_file = config.get("salesforce.orgs_file");
  if (orgs_file.empty()) {
    log::warn("no per-organisation file configured (salesforce.orgs_file): every organisation uploads with the "
              "global salesforce.* login, alias template and app");
    return std::make_unique<uploader::JobTargets>(make_connection(auth_settings(config), api_version),
                                                  upload_settings(config));
  }
  return std::make_unique<uploader::JobTargets>(
      uploader::read_orgs_file(orgs_file), upload_settings(config),
      [&](const uploader::OrgSettings& org) { return make_connection(auth_settings(org, config), api_version); });
}

uploader::UploadSettings upload_settings(const config::Config& config) {
  uploader::UploadSettings settings;
  settings.alias_template = config.get("salesforce.alias_template");
  settings.app = config.get("salesforce.app");
  settings.max_part_bytes = static_cast<std::size_t>(config.get_int("uploader.max_part_bytes"));
  settings.parallel_parts = static_cast<int>(config.get_int("uploader.parallel_parts"));
  settings.compression_level = static_cast<int>(config.get_int("batcher.compression_level"));
  settings.job_timeout = config.get_duration("uploader.job_timeout");
  return settings;
}

}  // namespace insights::cli
