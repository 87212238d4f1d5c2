#include "shared/http/http_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "shared/http/curl_handles.h"

namespace insights::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

std::string_view trim(std::string_view text) {
  const auto not_space = [](char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; };
  const auto first = std::find_if(text.begin(), text.end(), not_space);
  const auto last = std::find_if(text.rbegin(), text.rend(), not_space).base();
  return first < last ? std::string_view(first, static_cast<std::size_t>(last - first)) : std::string_view{};
}

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t append_header(char* data, size_t size, size_t count, void* user) {
  auto& headers = *static_cast<HeaderList*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers.clear();  // a new status line (after 100 Continue) starts a fresh header block
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

template <typename Value>
void set_option(CURL* curl, CURLoption option, Value value) {
  if (const CURLcode code = curl_easy_setopt(curl, option, value); code != CURLE_OK) {
    throw Error(fmt::format("configuring libcurl option {} failed: {}; the installed libcurl may be too old",
                            static_cast<int>(option), curl_easy_strerror(code)));
  }
}

void set_method_and_body(CURL* curl, const Request& request) {
  if (request.method == "GET") {
    set_option(curl, CURLOPT_HTTPGET, 1L);
    return;
  }
  if (request.method == "HEAD") {
    set_option(curl, CURLOPT_NOBODY, 1L);
    return;
  }
  if (request.method != "POST") {
    set_option(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (request.method == "POST" || !request.body.empty()) {
    set_option(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set_option(curl, CURLOPT_POSTFIELDS, request.body.data());
  }
}

}  // namespace

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

HttpClient::HttpClient(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout)
    : easy_(std::make_unique<CurlEasy>()), connect_timeout_(connect_timeout), total_timeout_(total_timeout) {}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

Response HttpClient::send(const Request& request) {
  CURL* curl = easy_->get();
  // reset keeps live connections and caches, which is the point of keeping one handle.
  curl_easy_reset(curl);

  Response response;
  char* error_text = easy_->error_buffer();
  error_text[0] = '\0';
  CurlHeaderList header_list;
  for (const auto& [name, value] : request.headers) {
    header_list.append(fmt::format("{}: {}", name, value));
  }
  // Without this libcurl waits for "100 Continue" before sending large bodies, adding a second per part upload.
  header_list.append("Expect:");

  set_option(curl, CURLOPT_URL, request.url.c_str());
  set_option(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  set_option(curl, CURLOPT_NOSIGNAL, 1L);  // signals are process-wide; timeouts must not use them in threads
  set_option(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  set_option(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  set_option(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_.count()));
  set_option(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(total_timeout_.count()));
  set_option(curl, CURLOPT_HTTPHEADER, header_list.get());
  set_option(curl, CURLOPT_ERRORBUFFER, error_text);
  set_option(curl, CURLOPT_WRITEFUNCTION, &append_body);
  set_option(curl, CURLOPT_WRITEDATA, &response.body);
  set_option(curl, CURLOPT_HEADERFUNCTION, &append_header);
  set_option(curl, CURLOPT_HEADERDATA, &response.headers);
  set_method_and_body(curl, request);

  if (const CURLcode code = curl_easy_perform(curl); code != CURLE_OK) {
    const std::string_view detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    throw TransportError(fmt::format("{} {} failed without an HTTP response: {}; check that the host is reachable",
                                     request.method, request.url, trim(detail)));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace insights::http
