#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/emulator_records.h"

namespace insights::emulator {

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = pick a free port
  std::string client_id = "insights-local";
  std::string client_secret = "insights-local-secret";
  std::size_t max_part_bytes = 10'485'760;         // decoded DataFile must be smaller (strict mode: 10'000'000)
  std::chrono::milliseconds processing_delay{20};  // per status step Queued -> InProgress -> terminal
  bool first_member_only = false;                  // rehearses a lenient server that reads only the first gzip member
  std::size_t max_request_bytes = 50'000'000;      // larger bodies: 400 JSON_PARSER_ERROR (§2.2)
  std::string advertised_url;                      // instance_url in token responses; empty = base_url()
  std::size_t max_jobs_per_dataset_per_day = 50;   // further jobs in a rolling 24 hours fail at processing
};

// The External Data API emulator: OAuth token endpoint, the two sObjects, query, processing, and the
// dataset row count, served over HTTP on its own threads.
class Server {
 public:
  explicit Server(Options options);  // binds and starts serving before returning; throws insights::Error if it cannot bind
  ~Server();                         // stops and joins everything
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>"
  std::optional<Dataset> dataset(const std::string& alias) const;
  std::vector<HeaderRecord> headers() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace insights::emulator
