#include "emulator/emulator_server.h"

#include <atomic>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "emulator/admin_endpoint.h"
#include "emulator/api_error.h"
#include "emulator/connection_drop.h"
#include "emulator/data_path.h"
#include "emulator/dataset_store.h"
#include "emulator/form_decoder.h"
#include "emulator/http_exchange.h"
#include "emulator/job_processor.h"
#include "emulator/job_queue.h"
#include "emulator/name_rules.h"
#include "emulator/oauth_endpoint.h"
#include "emulator/record_id.h"
#include "emulator/request_summary.h"
#include "emulator/sobject_endpoint.h"
#include "emulator/sobject_store.h"
#include "emulator/token_registry.h"
#include "emulator/wave_endpoint.h"

namespace insights::emulator {

namespace {

constexpr std::string_view kDataPrefix = "/services/data/";
constexpr std::string_view kApiPrefix = "/services/";
// Marks a response whose connection a drop fault shut down; never reaches a client.
constexpr const char* kDroppedMarker = "X-Insights-Dropped";
constexpr std::uint64_t kDailyAllocation = 15000;
constexpr std::size_t kKeptQueryCursors = 100;
constexpr time_t kKeepAliveSeconds = 1;  // short, so that stopping never waits long on idle connections

HttpRequest to_request(const httplib::Request& request) {
  HttpRequest result;
  result.method = request.method;
  result.path = request.path;
  // Parsed from the raw target: the library leaves '+' undecoded, while form encoding makes it a space.
  const auto query_start = request.target.find('?');
  const auto query = query_start == std::string::npos ? std::optional<std::map<std::string, std::string>>()
                                                      : decode_form(std::string_view(request.target).substr(query_start + 1));
  if (query) {
    result.params.insert(query->begin(), query->end());
  } else {
    result.params.insert(request.params.begin(), request.params.end());
  }
  result.body = request.body;
  result.authorization = request.get_header_value("Authorization");
  result.content_type = request.get_header_value("Content-Type");
  return result;
}

void write_reply(const HttpReply& reply, httplib::Response& response) {
  response.status = reply.status;
  if (!reply.content_type.empty()) response.set_content(reply.body, reply.content_type.c_str());
}

std::string bearer_token(const std::string& authorization) {
  for (const std::string_view scheme : {"Bearer ", "OAuth "}) {
    if (authorization.size() > scheme.size() && iequals(std::string_view(authorization).substr(0, scheme.size()), scheme)) {
      return authorization.substr(scheme.size());
    }
  }
  return {};
}

// The §2.1 body for errors the HTTP library produced itself (no route, body too large, bad request line).
HttpReply library_error(int status, std::size_t max_request_bytes) {
  switch (status) {
    case 413:
      return HttpReply::json(400, error_body("JSON_PARSER_ERROR",
                                             fmt::format("The request body is too large: the limit is {} bytes; send "
                                                         "smaller parts",
                                                         max_request_bytes)));
    case 404:
      return HttpReply::json(404, error_body("NOT_FOUND", "The requested resource does not exist"));
    case 400:
      return HttpReply::json(400, error_body("JSON_PARSER_ERROR", "The request could not be read"));
    default:
      return HttpReply::json(status, error_body("UNKNOWN_EXCEPTION", fmt::format("HTTP status {}", status)));
  }
}

HttpReply fault_reply(const FaultSpec& fault) {
  const auto message = fault.message.empty()
                           ? fmt::format("The server answered {} (injected fault); retry later", fault.status)
                           : fault.message;
  return HttpReply::json(fault.status, error_body(fault_error_code(fault), message));
}

// The query string alone (the library mixes form body fields into its params), secrets masked.
std::map<std::string, std::string> logged_query(const httplib::Request& request) {
  const auto query_start = request.target.find('?');
  if (query_start == std::string::npos) return {};
  auto query = decode_form(std::string_view(request.target).substr(query_start + 1)).value_or(std::map<std::string, std::string>{});
  for (auto& [name, value] : query) {
    if (name == "client_secret" || name == "assertion") value = "***";
  }
  return query;
}

}  // namespace

struct Server::Impl {
  explicit Impl(Options opts)
      : options(std::move(opts)),
        datasets(ids),
        now(options.clock ? options.clock : system_now()),
        sobjects(ids, jobs, [this](const std::string& alias) { return datasets.container_of(alias); },
                 options.max_part_bytes, now, options.part_retention),
        tokens(ids.next("00D")),
        faults([this] { tokens.revoke_all(); }),
        requests(options.request_log_capacity),
        cursors(ids, kKeptQueryCursors),
        sobject_endpoint(sobjects, cursors, options.query_page_size),
        wave_endpoint(datasets),
        admin_endpoint(datasets, sobjects, faults, requests),
        processor(jobs, sobjects, datasets, processing_options()) {
    for (const auto& fault : options.faults) faults.add(fault);
  }

  ~Impl() {
    http.stop();
    if (listener.joinable()) listener.join();
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  ProcessingOptions processing_options() {
    ProcessingOptions processing;
    processing.step_delay = options.processing_delay;
    processing.first_member_only = options.first_member_only;
    processing.max_jobs_per_day = options.max_jobs_per_dataset_per_day;
    processing.max_upload_bytes = options.max_upload_bytes;
    processing.max_bytes_per_day = options.max_bytes_per_day;
    processing.injected_failure = [this](std::string_view alias) { return faults.take_processing_failure(alias); };
    return processing;
  }

  void start() {
    bind();
    const auto url = options.advertised_url.empty() ? base_url() : options.advertised_url;
    oauth = std::make_unique<OAuthEndpoint>(ClientCredentials{options.client_id, options.client_secret}, tokens, url,
                                            ids.next("005"), jwt_verifier());
    routes();
    listener = std::thread([this] {
      http.listen_after_bind();
      listener_done = true;
    });
    // stop() is a no-op until the accept loop runs, so the destructor must not race ahead of it.
    while (!http.is_running() && !listener_done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!http.is_running()) throw insights::Error(fmt::format("emulator could not serve on {}", base_url()));
  }

  std::shared_ptr<const JwtVerifier> jwt_verifier() const {
    if (options.jwt_certificate_pem.empty()) return nullptr;
    return std::make_shared<const JwtVerifier>(
        options.jwt_certificate_pem, JwtPolicy{options.client_id, options.jwt_users, options.jwt_audience, now});
  }

  void bind() {
    http.set_payload_max_length(options.max_request_bytes);
    http.set_keep_alive_timeout(kKeepAliveSeconds);
    if (options.port == 0) {
      port = http.bind_to_any_port(options.host);
    } else if (http.bind_to_port(options.host, options.port)) {
      port = options.port;
    } else {
      port = -1;
    }
    if (port <= 0) {
      throw insights::Error(fmt::format("emulator could not bind {}:{}; choose another port or stop the process using it",
                                        options.host, options.port));
    }
  }

  std::string base_url() const {
    const auto host = options.host == "0.0.0.0" || options.host.empty() ? std::string("127.0.0.1") : options.host;
    return fmt::format("http://{}:{}", host, port);
  }

  template <typename Handler>
  httplib::Server::Handler guarded(Handler handler) {
    return [this, handler](const httplib::Request& request, httplib::Response& response) {
      if (request.path.starts_with(kApiPrefix) && inject_fault(request, response)) return;
      try {
        write_reply(handler(to_request(request)), response);
      } catch (const ApiError& error) {
        write_reply(HttpReply::from(error), response);
      } catch (const std::exception& error) {
        write_reply(HttpReply::json(500, error_body("UNKNOWN_EXCEPTION", error.what())), response);
      }
      record(request, response.status);
    };
  }

  HttpReply serve_data(const HttpRequest& request) {
    if (!tokens.accepts(bearer_token(request.authorization)) || !faults.admit_authenticated_call()) {
      throw ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }
    const auto path = parse_data_path(request.path);
    if (!path.segments.empty() && path.segments[0] == "wave") return wave_endpoint.handle(request, path);
    return sobject_endpoint.handle(request, path);
  }

  // Applies the fault this request takes, if any: true when it was refused or dropped (and so never handled).
  // Runs in the route handler, after the body is read, so a refusal leaves the connection usable.
  bool inject_fault(const httplib::Request& request, httplib::Response& response) {
    const auto fault = faults.take_request_fault(request.method, request.path);
    if (!fault) return false;
    switch (fault->kind) {
      case FaultKind::Delay:
        std::this_thread::sleep_for(fault->delay);
        return false;
      case FaultKind::Drop:
        record(request, 0);
        shut_down_connection(request.local_port, request.remote_port);
        response.set_header(kDroppedMarker, "1");
        return true;
      default:
        if (fault->retry_after) response.set_header("Retry-After", std::to_string(*fault->retry_after));
        write_reply(fault_reply(*fault), response);
        record(request, response.status);
        return true;
    }
  }

  // Before the response is written, so that a client sees its request in the log once it has the answer.
  void record(const httplib::Request& raw, int status) {
    if (options.request_log_capacity == 0 || !raw.path.starts_with(kApiPrefix)) return;
    const auto request = to_request(raw);
    requests.record({0, request.method, request.path, logged_query(raw),
                     summarize_request_body(request.body, request.content_type), status});
  }

  void routes() {
    http.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      const auto used = request.path.starts_with(kDataPrefix) ? ++api_usage : api_usage.load();
      response.set_header("Sforce-Limit-Info", fmt::format("api-usage={}/{}", used, kDailyAllocation));
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& request,
                                                                      httplib::Response& response) {
      if (!response.has_header("Sforce-Limit-Info")) {
        response.set_header("Sforce-Limit-Info", fmt::format("api-usage={}/{}", api_usage.load(), kDailyAllocation));
      }
      if (!response.body.empty() || response.has_header(kDroppedMarker)) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      write_reply(library_error(response.status, options.max_request_bytes), response);
      record(request, response.status);
      return httplib::Server::HandlerResponse::Handled;
    }));
    http.Post("/services/oauth2/token", guarded([this](const HttpRequest& r) { return oauth->handle(r); }));
    const std::string data_pattern = "/services/data/.*";
    const auto data = [this](const HttpRequest& r) { return serve_data(r); };
    http.Get(data_pattern, guarded(data));
    http.Post(data_pattern, guarded(data));
    http.Patch(data_pattern, guarded(data));
    http.Delete(data_pattern, guarded(data));
    http.Put(data_pattern, guarded(data));
    const auto admin = guarded([this](const HttpRequest& r) { return admin_endpoint.handle(r); });
    http.Get("/__admin/.*", admin);
    http.Post("/__admin/.*", admin);
    http.Delete("/__admin/.*", admin);
  }

  Options options;
  RecordIdGenerator ids;
  JobQueue jobs;
  DatasetStore datasets;
  NowFunction now;
  SobjectStore sobjects;
  TokenRegistry tokens;
  FaultInjector faults;
  RequestLog requests;
  QueryCursors cursors;
  SobjectEndpoint sobject_endpoint;
  WaveEndpoint wave_endpoint;
  AdminEndpoint admin_endpoint;
  std::unique_ptr<OAuthEndpoint> oauth;
  std::atomic<std::uint64_t> api_usage{0};
  JobProcessor processor;
  // Declared last: stopped and joined first, before anything its handlers use goes away.
  httplib::Server http;
  int port = 0;
  std::atomic<bool> listener_done{false};
  std::thread listener;
};

Server::Server(Options options) : impl_(std::make_unique<Impl>(std::move(options))) { impl_->start(); }

Server::~Server() = default;

int Server::port() const { return impl_->port; }

std::string Server::base_url() const { return impl_->base_url(); }

std::optional<Dataset> Server::dataset(const std::string& alias) const { return impl_->datasets.snapshot(alias); }

std::vector<HeaderRecord> Server::headers() const { return impl_->sobjects.header_records(); }

FaultInjector& Server::faults() { return impl_->faults; }

std::vector<RecordedRequest> Server::requests(std::uint64_t since) const { return impl_->requests.since(since); }

}  // namespace insights::emulator
