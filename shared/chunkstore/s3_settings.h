#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace insights::chunkstore {

// Where an S3 chunk store lives and how to reach it. Credentials are held here only; nothing logs this struct.
struct S3Settings {
  std::string bucket;
  std::string prefix;    // key prefix without leading or trailing '/', may be empty
  std::string endpoint;  // e.g. "http://127.0.0.1:19400"; empty: https://s3.<region>.amazonaws.com
  std::string region = "us-east-1";
  bool path_style = false;  // endpoint/bucket/key instead of bucket.endpoint/key (local servers need it)
  std::string access_key;
  std::string secret_key;
  // Where the credentials came from, for error messages ("environment variables A / B"); never the values.
  std::string credentials_source;
  std::string spool_dir;  // where writers stage a chunk before uploading it; empty: the system temp directory
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{120000};
  int max_attempts = 5;  // per request, for connection errors and 5xx
  std::chrono::milliseconds first_backoff{200};
};

// Parses "s3://bucket" or "s3://bucket/some/prefix" into bucket and prefix; throws insights::Error otherwise.
void parse_s3_url(std::string_view url, S3Settings& settings);

}  // namespace insights::chunkstore
