#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/emulator_records.h"
#include "emulator/fault_injector.h"
#include "emulator/request_log.h"

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
  std::uint64_t max_upload_bytes = 40'000'000'000;   // one job's decoded parts; more fails at processing (§5)
  std::uint64_t max_bytes_per_day = 50'000'000'000;  // all jobs submitted in a rolling 24 hours (§5)
  std::chrono::hours part_retention{7 * 24};         // parts of terminal jobs are removed after this
  std::size_t query_page_size = 2000;                // records per query page; more come via nextRecordsUrl
  std::size_t request_log_capacity = 10'000;         // GET /__admin/requests keeps the last this many; 0 = off

  // JWT bearer grant (§3): the X.509 certificate (PEM) whose RSA key signs assertions; empty refuses the grant.
  std::string jwt_certificate_pem;
  std::vector<std::string> jwt_users;  // usernames (`sub`) pre-authorized for the grant
  std::string jwt_audience = "https://login.salesforce.com";

  // The server's notion of now: CreatedDate, JWT `exp`, the 24-hour windows, part expiry. Empty: system clock.
  std::function<std::chrono::system_clock::time_point()> clock;

  std::vector<FaultSpec> faults;  // in force from the start (the --fault flags)
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

  // Faults to inject from now on; also served as /__admin/faults.
  FaultInjector& faults();
  // The recorded API requests after sequence number `since`, oldest first; also GET /__admin/requests.
  std::vector<RecordedRequest> requests(std::uint64_t since = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace insights::emulator
