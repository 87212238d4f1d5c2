#include "tests/integration/chunkstore/s3_test_server.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

namespace insights::chunkstore::testing {
namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

std::string s3_skip_reason() {
  if (env_or("INSIGHTS_S3_ENDPOINT", "").empty()) {
    return "set INSIGHTS_S3_ENDPOINT to a local S3 server (scripts/test does: INSIGHTS_S3_ENDPOINT=$(scripts/s3 start))";
  }
  return "";
}

S3Settings fresh_bucket_settings() {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  S3Settings s3;
  // Unique across processes (pid) and runs (time): tests in parallel never share a bucket.
  s3.bucket = fmt::format("insights-test-{}-{}-{}", ::getpid(),
                          std::chrono::duration_cast<std::chrono::milliseconds>(now).count() % 100000000, counter++);
  s3.prefix = "p/q";
  s3.endpoint = env_or("INSIGHTS_S3_ENDPOINT", "");
  s3.region = "us-east-1";
  s3.path_style = true;
  s3.access_key = env_or("INSIGHTS_S3_ACCESS_KEY_ID", "insights-local");
  s3.secret_key = env_or("INSIGHTS_S3_SECRET_ACCESS_KEY", "insights-local-secret");
  s3.credentials_source = "environment variables INSIGHTS_S3_ACCESS_KEY_ID / INSIGHTS_S3_SECRET_ACCESS_KEY";
  s3.max_attempts = 3;
  s3.first_backoff = std::chrono::milliseconds(20);
  return s3;
}

}  // namespace insights::chunkstore::testing
