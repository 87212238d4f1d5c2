#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/chunkstore/s3_settings.h"

namespace insights::http {
class CurlEasy;
}

namespace insights::chunkstore {

struct S3Object {
  std::string key;
  std::uint64_t size = 0;
};

// The few S3 calls the chunk store needs, signed with AWS SigV4 by libcurl (CURLOPT_AWS_SIGV4). Thread-safe: each
// call borrows an idle connection-caching handle. Connection errors and 5xx/429 answers are retried with exponential
// backoff; other failures throw insights::Error naming the bucket and key and what to do.
class S3Client {
 public:
  explicit S3Client(S3Settings settings);
  ~S3Client();
  S3Client(const S3Client&) = delete;
  S3Client& operator=(const S3Client&) = delete;

  const S3Settings& settings() const { return settings_; }
  std::string describe(std::string_view key) const;  // "s3://bucket/key"

  void put(std::string_view key, std::string_view body) const;
  // Uploads `size` bytes of the open file `fd` from offset 0; `sha256_hex` is their hash, checked by the server.
  void put_file(std::string_view key, int fd, std::uint64_t size, const std::string& sha256_hex) const;
  std::optional<std::string> get(std::string_view key) const;  // nullopt: no such key
  // Bytes [offset, offset + length) of the object; fewer at its end. nullopt: no such key.
  std::optional<std::string> get_range(std::string_view key, std::uint64_t offset, std::uint64_t length) const;
  std::optional<std::uint64_t> size(std::string_view key) const;  // HEAD; nullopt: no such key
  void remove(std::string_view key) const;                         // no error if absent
  std::vector<S3Object> list(std::string_view prefix) const;       // every key under prefix, in key order

  void create_bucket() const;  // no error if we already own it
  void delete_bucket() const;  // must be empty

 private:
  struct Call;
  struct Answer;
  class HandleLease;

  Answer perform(const Call& call) const;
  Answer attempt(const Call& call) const;
  [[noreturn]] void fail(const Call& call, const Answer& answer) const;
  std::string url(std::string_view key, std::string_view query) const;

  S3Settings settings_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<http::CurlEasy>> idle_;
};

}  // namespace insights::chunkstore
