#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/http/http_client.h"
#include "shared/salesforce/access_token.h"
#include "shared/salesforce/api_error.h"
#include "shared/salesforce/client_options.h"
#include "shared/salesforce/header_status.h"
#include "shared/salesforce/http_client_pool.h"
#include "shared/salesforce/records.h"
#include "shared/salesforce/retry_loop.h"
#include "shared/salesforce/token_cache.h"

namespace insights::salesforce {

// The External Data API calls the uploader needs (external-data-api.md §1-§3). Thread-safe: parallel part uploads
// share one Client; each thread gets its own pooled connection. Transient failures are retried per
// ClientOptions::retry; an expired token is replaced once per call, shared by all threads.
class Client {
 public:
  Client(Credentials credentials, ClientOptions options);
  Client(std::unique_ptr<TokenSource> token_source, ClientOptions options);
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Returns the new header's id (06V...); base64-encodes fields.metadata_json itself.
  std::string create_header(const HeaderFields& fields);
  // The newest header whose FileName equals file_name.
  std::optional<HeaderState> find_header(std::string_view file_name);
  std::vector<PartInfo> list_parts(const std::string& header_id);
  // Returns the part's id (06W...). A retry first checks whether a lost response had already stored the part.
  std::string upload_part(const std::string& header_id, int part_number, std::string_view bytes);
  void delete_part(const std::string& part_id);
  void delete_header(const std::string& header_id);
  // PATCH Action=Process.
  void start_processing(const std::string& header_id);
  HeaderState status(const std::string& header_id);
  // Polls with growing intervals until a terminal status; throws insights::Error once `timeout` has passed.
  // When `stop` is given and turns true between polls, returns the last (not terminal) state early.
  HeaderState wait_terminal(const std::string& header_id, std::chrono::milliseconds timeout,
                            const std::function<bool()>& stop = {});
  // wave/datasets/{alias} -> currentVersionId -> versions/{id} totalRowCount; nullopt when there is no dataset.
  std::optional<std::uint64_t> dataset_row_count(std::string_view alias);

  // Retries so far (backoff retries and token replacements), for metrics.
  int retries() const;
  int token_fetches() const;

 private:
  struct Call {
    std::string what;    // names the call in errors and logs
    std::string method;
    std::string path;    // from the instance root, e.g. /services/data/v62.0/sobjects/...
    std::string body;
  };
  // State of one logical call across its attempts: the token is replaced at most once per call.
  struct Session {
    bool token_replaced = false;
  };

  http::Response exchange(const Call& call, Session& session);
  std::shared_ptr<const AccessToken> token_for(const Call& call, http::HttpClient& http,
                                               const AccessToken* rejected);
  std::string data_path(std::string_view suffix) const;
  std::string query_path(const std::string& soql) const;

  std::optional<HeaderState> find_header_once(std::string_view file_name, Session& session);
  std::vector<PartInfo> list_parts_once(const std::string& header_id, Session& session);
  HeaderState status_once(const std::string& header_id, Session& session);
  std::optional<std::uint64_t> row_count_once(std::string_view alias, Session& session);
  void delete_record(std::string_view object, const std::string& id);
  void note_retry(const RetryNotice& notice);

  ClientOptions options_;
  HttpClientPool pool_;
  TokenCache tokens_;
  std::atomic<int> retries_{0};
  RetryLoop loop_;
};

}  // namespace insights::salesforce
