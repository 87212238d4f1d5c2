#include "shared/salesforce/client.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "shared/http/url_encode.h"
#include "shared/log/log.h"
#include "shared/salesforce/request_bodies.h"
#include "shared/salesforce/response_parsing.h"
#include "shared/salesforce/soql.h"

namespace insights::salesforce {
namespace {

constexpr std::string_view kHeaderObject = "InsightsExternalData";
constexpr std::string_view kPartObject = "InsightsExternalDataPart";

bool is_success(long status) { return status >= 200 && status < 300; }

// Names of calls, shared by the retry loop's log lines and the errors of single exchanges.
std::string finding_header(std::string_view file_name) {
  return fmt::format("looking up the {} header with FileName {}", kHeaderObject, file_name);
}
std::string listing_parts(std::string_view header_id) {
  return fmt::format("listing the parts of {} {}", kHeaderObject, header_id);
}
std::string reading_status(std::string_view header_id) {
  return fmt::format("reading the status of {} {}", kHeaderObject, header_id);
}
std::string reading_row_count(std::string_view alias) {
  return fmt::format("reading the row count of dataset {}", alias);
}

// Sleeps `duration` in short slices so a stop request ends a long wait between status polls promptly.
void sleep_unless_stopped(std::chrono::steady_clock::duration duration, const std::function<bool()>& stop) {
  if (!stop) {
    std::this_thread::sleep_for(duration);
    return;
  }
  constexpr std::chrono::steady_clock::duration kSlice = std::chrono::milliseconds(100);
  const auto until = std::chrono::steady_clock::now() + duration;
  for (auto now = std::chrono::steady_clock::now(); now < until && !stop(); now = std::chrono::steady_clock::now()) {
    std::this_thread::sleep_for(std::min(kSlice, until - now));
  }
}

}  // namespace

Client::Client(Credentials credentials, ClientOptions options)
    : Client(std::make_unique<ClientCredentialsTokenSource>(std::move(credentials)), std::move(options)) {}

Client::Client(std::unique_ptr<TokenSource> token_source, ClientOptions options)
    : options_(std::move(options)),
      pool_(options_.connect_timeout, options_.request_timeout),
      tokens_(std::move(token_source)),
      loop_(options_.retry, real_retry_hooks([this](const RetryNotice& notice) { note_retry(notice); })) {}

int Client::retries() const { return retries_.load(); }

int Client::token_fetches() const { return tokens_.fetch_count(); }

void Client::note_retry(const RetryNotice& notice) {
  ++retries_;
  log::warn("Salesforce call failed, retrying", {log::field("call", notice.what), log::field("attempt", notice.failed_attempt),
                                                 log::field("delay_ms", notice.delay.count()),
                                                 log::field("error", notice.reason)});
}

std::string Client::data_path(std::string_view suffix) const {
  return fmt::format("/services/data/{}{}", options_.api_version, suffix);
}

std::string Client::query_path(const std::string& soql) const {
  return data_path("/query?q=" + http::url_encode(soql));
}

std::shared_ptr<const AccessToken> Client::token_for(const Call& call, http::HttpClient& http,
                                                     const AccessToken* rejected) {
  try {
    return rejected != nullptr ? tokens_.replace(*rejected, http) : tokens_.current(http);
  } catch (const ApiError& failure) {
    throw ApiError(fmt::format("{}: {}", call.what, failure.what()), failure.info());
  } catch (const http::TransportError& failure) {
    throw http::TransportError(fmt::format("{}: {}", call.what, failure.what()));
  }
}

http::Response Client::exchange(const Call& call, Session& session) {
  auto http = pool_.acquire();
  const auto send = [&](const AccessToken& token) {
    http::Request request{call.method, token.instance_url + call.path,
                          {{"Authorization", "Bearer " + token.value}, {"Accept", "application/json"}}, call.body};
    if (!call.body.empty()) {
      request.headers.emplace_back("Content-Type", "application/json");
    }
    try {
      return http->send(request);
    } catch (const http::TransportError& failure) {
      throw http::TransportError(fmt::format("{}: {}", call.what, failure.what()));
    }
  };

  auto token = token_for(call, *http, nullptr);
  auto response = send(*token);
  if (response.status == 401 && !session.token_replaced) {
    session.token_replaced = true;
    ++retries_;
    log::info("Salesforce session expired or invalid, fetching a new token and retrying once",
              {log::field("call", call.what)});
    token = token_for(call, *http, token.get());
    response = send(*token);
  }
  if (!is_success(response.status)) {
    throw api_error_from_response(call.what, response);
  }
  return response;
}

std::string Client::create_header(const HeaderFields& fields) {
  const std::string what = fmt::format("creating {} header for alias {}", kHeaderObject, fields.alias);
  const Call call{what, "POST", data_path(fmt::format("/sobjects/{}", kHeaderObject)), header_insert_body(fields)};
  // A lost response may hide a header that was created; remembering the newest one before lets a retry spot it.
  std::optional<std::string> newest_before;
  if (!fields.file_name.empty()) {
    if (const auto existing = find_header(fields.file_name)) {
      newest_before = existing->id;
    }
  }
  Session session;
  return loop_.run(what, [&](int attempt) {
    if (attempt > 0 && !fields.file_name.empty()) {
      const auto newest = find_header_once(fields.file_name, session);
      if (newest && newest->id != newest_before && newest->status == "New" && newest->action == "None") {
        return newest->id;
      }
    }
    return parse_created_id(what, exchange(call, session).body);
  });
}

std::optional<HeaderState> Client::find_header_once(std::string_view file_name, Session& session) {
  const std::string what = finding_header(file_name);
  const auto page = parse_header_query(what, exchange({what, "GET", query_path(header_by_file_name_query(file_name)), {}},
                                                      session).body);
  if (page.records.empty()) {
    return std::nullopt;
  }
  return page.records.front();
}

std::optional<HeaderState> Client::find_header(std::string_view file_name) {
  Session session;
  return loop_.run(finding_header(file_name),
                   [&](int) { return find_header_once(file_name, session); });
}

std::vector<PartInfo> Client::list_parts_once(const std::string& header_id, Session& session) {
  const std::string what = listing_parts(header_id);
  std::vector<PartInfo> parts;
  std::string path = query_path(parts_of_header_query(header_id));
  while (!path.empty()) {
    auto page = parse_part_query(what, exchange({what, "GET", path, {}}, session).body);
    parts.insert(parts.end(), page.records.begin(), page.records.end());
    path = std::move(page.next_records_url);
  }
  std::sort(parts.begin(), parts.end(), [](const PartInfo& a, const PartInfo& b) { return a.part_number < b.part_number; });
  return parts;
}

std::vector<PartInfo> Client::list_parts(const std::string& header_id) {
  Session session;
  return loop_.run(listing_parts(header_id),
                   [&](int) { return list_parts_once(header_id, session); });
}

std::string Client::upload_part(const std::string& header_id, int part_number, std::string_view bytes) {
  const std::string what = fmt::format("uploading part {} of {} {}", part_number, kHeaderObject, header_id);
  const Call call{what, "POST", data_path(fmt::format("/sobjects/{}", kPartObject)),
                  part_insert_body(header_id, part_number, bytes)};
  Session session;
  return loop_.run(what, [&](int attempt) {
    // POST is not idempotent: the failed attempt may have stored the part before its response was lost.
    if (attempt > 0) {
      for (const auto& stored : list_parts_once(header_id, session)) {
        if (stored.part_number == part_number) {
          return stored.id;
        }
      }
    }
    return parse_created_id(what, exchange(call, session).body);
  });
}

void Client::delete_record(std::string_view object, const std::string& id) {
  const std::string what = fmt::format("deleting {} {}", object, id);
  const Call call{what, "DELETE", data_path(fmt::format("/sobjects/{}/{}", object, http::url_encode(id))), {}};
  Session session;
  loop_.run(what, [&](int attempt) {
    try {
      exchange(call, session);
    } catch (const ApiError& failure) {
      // After a lost response, "not found" means the earlier attempt did delete it.
      if (attempt == 0 || failure.http_status() != 404) {
        throw;
      }
    }
  });
}

void Client::delete_part(const std::string& part_id) { delete_record(kPartObject, part_id); }

void Client::delete_header(const std::string& header_id) { delete_record(kHeaderObject, header_id); }

void Client::start_processing(const std::string& header_id) {
  const std::string what = fmt::format("starting processing of {} {}", kHeaderObject, header_id);
  const Call call{what, "PATCH", data_path(fmt::format("/sobjects/{}/{}", kHeaderObject, http::url_encode(header_id))),
                  process_action_body()};
  Session session;
  loop_.run(what, [&](int attempt) {
    // A second PATCH after a lost response would be refused: the header is no longer editable once processing.
    if (attempt > 0) {
      const auto state = status_once(header_id, session);
      if (state.action == "Process" || state.status != "New") {
        return;
      }
    }
    exchange(call, session);
  });
}

HeaderState Client::status_once(const std::string& header_id, Session& session) {
  const std::string what = reading_status(header_id);
  const std::string path = data_path(fmt::format("/sobjects/{}/{}?fields=Status,StatusMessage,Action", kHeaderObject,
                                                 http::url_encode(header_id)));
  return parse_header_state(what, exchange({what, "GET", path, {}}, session).body, header_id);
}

HeaderState Client::status(const std::string& header_id) {
  Session session;
  return loop_.run(reading_status(header_id),
                   [&](int) { return status_once(header_id, session); });
}

HeaderState Client::wait_terminal(const std::string& header_id, std::chrono::milliseconds timeout,
                                  const std::function<bool()>& stop) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto interval = options_.poll_first;
  for (;;) {
    auto state = status(header_id);
    if (is_terminal(state.status) || (stop && stop())) {
      return state;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      throw Error(fmt::format("waiting for {} {} to finish: still {} after {} s; Salesforce keeps processing it, so poll "
                              "its status again later rather than uploading again",
                              kHeaderObject, header_id, state.status,
                              std::chrono::duration_cast<std::chrono::seconds>(timeout).count()));
    }
    sleep_unless_stopped(std::min<std::chrono::steady_clock::duration>(interval, deadline - now), stop);
    if (stop && stop()) {
      return state;
    }
    interval = std::min(interval * 2, options_.poll_longest);
  }
}

std::optional<std::uint64_t> Client::row_count_once(std::string_view alias, Session& session) {
  const std::string what = reading_row_count(alias);
  std::optional<DatasetVersion> version;
  try {
    const auto dataset = exchange({what, "GET", data_path("/wave/datasets/" + http::url_encode(alias)), {}}, session);
    version = parse_dataset_current_version(what, dataset.body);
  } catch (const ApiError& failure) {
    if (failure.http_status() != 404) {
      throw;
    }
  }
  if (!version) {
    return std::nullopt;
  }
  const std::string path = data_path(fmt::format("/wave/datasets/{}/versions/{}", http::url_encode(version->dataset_id),
                                                 http::url_encode(version->version_id)));
  return parse_total_row_count(what, exchange({what, "GET", path, {}}, session).body);
}

std::optional<std::uint64_t> Client::dataset_row_count(std::string_view alias) {
  Session session;
  return loop_.run(reading_row_count(alias), [&](int) { return row_count_once(alias, session); });
}

}  // namespace insights::salesforce
