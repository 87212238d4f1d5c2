#include "shared/config/config_keys.h"

namespace insights::config {

// Keep this a plain table: docs and the sample config file are generated from it.
const std::vector<KeyDef>& key_definitions() {
  static const std::vector<KeyDef> defs = {
      {"kafka.bootstrap_servers", "127.0.0.1:19092",
       "Kafka bootstrap servers (host:port,...); the default is the real broker that scripts/kafka starts"},
      {"kafka.session_timeout_ms", "10000", "Consumer group session timeout in milliseconds"},
      {"kafka.topic_partitions", "4", "Partitions of the data and manifest topics when this program creates them"},
      {"kafka.extra", "", "Extra librdkafka properties as \"key=value,key=value\""},

      {"chunk_store.path", "var/chunks", "Root directory of the filesystem chunk store (used when chunk_store.url is empty)"},
      {"chunk_store.url", "", "Where chunks live: s3://bucket/prefix, file:///absolute/path or a directory; empty: chunk_store.path"},
      {"chunk_store.s3_endpoint", "", "S3 endpoint URL (http://127.0.0.1:19400 for scripts/s3); empty: AWS for s3_region"},
      {"chunk_store.s3_region", "us-east-1", "S3 region the requests are signed for (SigV4)"},
      {"chunk_store.s3_path_style", "false", "Address buckets as endpoint/bucket/key (local servers) instead of bucket.endpoint/key"},
      {"chunk_store.s3_access_key_env", "AWS_ACCESS_KEY_ID", "Environment variable holding the S3 access key id"},
      {"chunk_store.s3_secret_key_env", "AWS_SECRET_ACCESS_KEY", "Environment variable holding the S3 secret access key"},
      {"chunk_store.s3_secret_key_file", "", "File holding the S3 secret access key (wins over s3_secret_key_env); readable by this user only"},
      {"chunk_store.s3_spool_dir", "", "Where S3 chunk writers stage a chunk before uploading it; empty: the system temp directory"},
      {"chunk_store.retention", "7d", "Chunks of completed jobs are removed this long after completion (dead-lettered jobs' chunks are kept)"},
      {"chunk_store.retention_sweep_interval", "1h", "How often the uploader removes expired chunks; 0 disables the sweep"},

      {"producer.batch_records", "100000", "Records per batch"},
      {"producer.watermark_dir", "var/watermarks", "Where the meetings producer keeps each organisation's watermark"},
      {"producer.run_id", "", "Run id of the produced jobs; empty: derived from the run date and the input"},
      {"producer.state_dir", "var/producer-state",
       "Where the producers keep state between runs: each dataset's last row counts per organisation (drift check) "
       "and the schedule lock"},
      {"producer.drift_warn_percent", "20",
       "Warn when an organisation's row count moves more than this percent from its previous run of the dataset"},
      {"producer.schedule", "23:30", "UTC time of day (HH:MM) at which `produce ... --schedule` runs the nightly job"},
      {"producer.schedule_retry_delay", "1h",
       "`--schedule`: a failed run is tried again after this delay (if before the next slot); 0: at the next slot"},

      {"batcher.group_id", "insights-batcher", "Kafka consumer group of the batchers"},
      {"batcher.open_batch_timeout", "30m", "A batch without batch_end this long after its last record is reported incomplete"},
      {"batcher.compression_level", "1", "ISA-L deflate level of chunks, 0 (fastest) to 3 (smallest)"},

      {"uploader.group_id", "insights-uploader", "Kafka consumer group of the uploaders"},
      {"uploader.max_part_bytes", "8388608", "Largest data part sent to Salesforce, in bytes (must stay under 10 MB)"},
      {"uploader.parallel_parts", "3", "Data parts uploaded in parallel per job"},
      {"uploader.concurrent_jobs", "2",
       "Jobs uploaded at once, each on its own thread (jobs of one dataset alias never overlap); at least 1"},
      {"uploader.waiting_report_after", "15m", "Report a job still missing manifests this long after its last one (and again each period)"},
      {"uploader.job_timeout", "2h", "How long to wait for Salesforce to finish processing a job"},
      {"uploader.quota_policy", "wait",
       "A job that would pass Salesforce's rolling 24 h limits (50 jobs per dataset, 50 GB): wait, or dlq"},

      {"salesforce.login_url", "http://127.0.0.1:8787", "OAuth login URL (the local emulator by default)"},
      {"salesforce.client_id", "insights-local", "OAuth client id of the connected app"},
      {"salesforce.client_secret", "", "OAuth client secret of the connected app", true},
      {"salesforce.auth_flow", "client_credentials", "OAuth flow: client_credentials or jwt (JWT bearer, RS256)"},
      {"salesforce.username", "", "Salesforce username the JWT bearer flow signs in as (the JWT's sub)"},
      {"salesforce.jwt_audience", "https://login.salesforce.com",
       "JWT audience (aud): https://login.salesforce.com, https://test.salesforce.com for sandboxes"},
      {"salesforce.jwt_key_file", "",
       "PEM file with the unencrypted RSA private key that signs JWT assertions; keep it readable by this user only"},
      {"salesforce.api_version", "v62.0", "Salesforce REST API version"},
      {"salesforce.alias_template", "{dataset}_{org}", "Dataset alias (EdgemartAlias) built from {dataset} and {org}"},
      {"salesforce.app", "", "CRM Analytics app (folder) that holds the datasets; empty: the user's private app"},
      {"salesforce.orgs_file", "",
       "TOML file with one table per organisation (login, credentials, aliases, app); empty: every org uses salesforce.*"},

      {"emulator.port", "8787", "TCP port of the External Data API emulator"},

      {"metrics.host", "127.0.0.1", "Address the /metrics, /healthz and /readyz endpoints listen on (0.0.0.0 in containers)"},
      {"metrics.port", "0", "Port of the /metrics, /healthz and /readyz endpoints; 0 picks a free one and logs it"},
      {"log.level", "info", "Lowest level logged: trace, debug, info, warn, error"},
      {"log.format", "auto", "Log format: json, text, or auto (text on a terminal, json otherwise)"},
  };
  return defs;
}

}  // namespace insights::config
