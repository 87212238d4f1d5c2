#include "shared/chunkstore/s3_client.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <thread>

#include "shared/chunkstore/s3_xml.h"
#include "shared/codec/sha256.h"
#include "shared/http/curl_handles.h"
#include "shared/http/url_encode.h"
#include "shared/util/error.h"

namespace insights::chunkstore {
namespace {

constexpr std::string_view kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr int kListPageKeys = 1000;
constexpr std::chrono::milliseconds kMaxBackoff{10000};

// What a request sends: nothing, a string, or an open file read with pread (so a retry can start over at 0).
struct Body {
  std::string_view text;
  int fd = -1;
  std::uint64_t size = 0;
  std::uint64_t offset = 0;
};

size_t read_body(char* buffer, size_t size, size_t count, void* user) {
  auto& body = *static_cast<Body*>(user);
  const std::uint64_t left = body.size - body.offset;
  const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, size * count));
  if (n == 0) return 0;
  if (body.fd < 0) {
    std::copy_n(body.text.data() + body.offset, n, buffer);
  } else {
    const ssize_t got = ::pread(body.fd, buffer, n, static_cast<off_t>(body.offset));
    if (got <= 0) return CURL_READFUNC_ABORT;
    body.offset += static_cast<std::uint64_t>(got);
    return static_cast<size_t>(got);
  }
  body.offset += n;
  return n;
}

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

template <typename Value>
void set_option(CURL* curl, CURLoption option, Value value) {
  if (const CURLcode code = curl_easy_setopt(curl, option, value); code != CURLE_OK) {
    throw Error(fmt::format("S3 chunk store: configuring libcurl option {} failed: {}; libcurl 7.75 or newer is "
                            "needed for SigV4 signing",
                            static_cast<int>(option), curl_easy_strerror(code)));
  }
}

// Each '/'-separated segment percent-encoded, as SigV4's canonical URI expects it for S3.
std::string encode_key(std::string_view key) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = key.find('/', start);
    out += http::url_encode(key.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    start = slash + 1;
  }
  return out;
}

bool transient(long status) { return status == 429 || status >= 500; }

}  // namespace

void parse_s3_url(std::string_view url, S3Settings& settings) {
  constexpr std::string_view kScheme = "s3://";
  if (!url.starts_with(kScheme)) {
    throw Error(fmt::format("chunk store URL '{}' is not an S3 URL; write it as s3://bucket or s3://bucket/prefix", url));
  }
  std::string_view rest = url.substr(kScheme.size());
  const std::size_t slash = rest.find('/');
  const std::string_view bucket = rest.substr(0, slash);
  std::string_view prefix = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  const bool bucket_ok = bucket.size() >= 3 && bucket.size() <= 63 &&
                         std::all_of(bucket.begin(), bucket.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                         });
  if (!bucket_ok) {
    throw Error(fmt::format("chunk store URL '{}': '{}' is not a valid S3 bucket name (3 to 63 characters of a-z 0-9 "
                            ". -); write the URL as s3://bucket/prefix",
                            url, bucket));
  }
  if (prefix.starts_with('/') || prefix.find("//") != std::string_view::npos) {
    throw Error(fmt::format("chunk store URL '{}': the prefix '{}' has an empty path segment; remove the extra '/'", url,
                            prefix));
  }
  settings.bucket = std::string(bucket);
  settings.prefix = std::string(prefix);
}

struct S3Client::Call {
  std::string_view action;  // for messages: "read", "write", "list", ...
  std::string method;
  std::string key;    // empty: the bucket itself
  std::string query;  // already encoded, parameters sorted by name (libcurl 7.88 signs the query as given)
  Body body;
  std::string payload_sha256 = std::string(kEmptySha256);
  std::vector<std::string> headers;
};

struct S3Client::Answer {
  long status = 0;
  std::string body;
  std::optional<std::uint64_t> content_length;
  std::string transport_error;  // set when no HTTP answer arrived
  int attempts = 0;
};

// Borrows an idle easy handle (or makes one) and gives it back, keeping its cached connection for the next call.
class S3Client::HandleLease {
 public:
  explicit HandleLease(const S3Client& client) : client_(client) {
    std::lock_guard lock(client_.mutex_);
    if (!client_.idle_.empty()) {
      easy_ = std::move(client_.idle_.back());
      client_.idle_.pop_back();
    }
    if (!easy_) easy_ = std::make_unique<http::CurlEasy>();
  }
  ~HandleLease() {
    std::lock_guard lock(client_.mutex_);
    client_.idle_.push_back(std::move(easy_));
  }
  HandleLease(const HandleLease&) = delete;
  HandleLease& operator=(const HandleLease&) = delete;
  http::CurlEasy& operator*() const { return *easy_; }

 private:
  const S3Client& client_;
  std::unique_ptr<http::CurlEasy> easy_;
};

S3Client::S3Client(S3Settings settings) : settings_(std::move(settings)) {
  if (settings_.bucket.empty()) throw Error("S3 chunk store: no bucket configured; set chunk_store.url to s3://bucket/prefix");
  if (settings_.access_key.empty() || settings_.secret_key.empty()) {
    throw Error(fmt::format("S3 chunk store for bucket '{}': no credentials ({} are empty); set them to an access key "
                            "that may read, write, list and delete in the bucket",
                            settings_.bucket, settings_.credentials_source.empty() ? "access key and secret" : settings_.credentials_source));
  }
  if (settings_.endpoint.empty()) settings_.endpoint = fmt::format("https://s3.{}.amazonaws.com", settings_.region);
  while (settings_.endpoint.ends_with('/')) settings_.endpoint.pop_back();
  if (settings_.endpoint.find("://") == std::string::npos) {
    throw Error(fmt::format("S3 endpoint '{}' has no scheme; write it as http://host:port or https://host",
                            settings_.endpoint));
  }
  http::ensure_curl_initialised();
}

S3Client::~S3Client() = default;

std::string S3Client::describe(std::string_view key) const {
  return key.empty() ? fmt::format("s3://{}", settings_.bucket) : fmt::format("s3://{}/{}", settings_.bucket, key);
}

std::string S3Client::url(std::string_view key, std::string_view query) const {
  std::string base;
  if (settings_.path_style) {
    base = fmt::format("{}/{}/{}", settings_.endpoint, settings_.bucket, encode_key(key));
  } else {
    const std::size_t host = settings_.endpoint.find("://") + 3;
    base = fmt::format("{}{}.{}/{}", settings_.endpoint.substr(0, host), settings_.bucket,
                       settings_.endpoint.substr(host), encode_key(key));
  }
  if (!query.empty()) base += "?" + std::string(query);
  return base;
}

S3Client::Answer S3Client::attempt(const Call& call) const {
  HandleLease lease(*this);
  http::CurlEasy& easy = *lease;
  CURL* curl = easy.get();
  curl_easy_reset(curl);  // keeps the connection cache
  easy.error_buffer()[0] = '\0';
  Answer answer;
  Body body = call.body;
  const std::string target = url(call.key, call.query);
  const std::string sigv4 = fmt::format("aws:amz:{}:s3", settings_.region);
  set_option(curl, CURLOPT_URL, target.c_str());
  set_option(curl, CURLOPT_ERRORBUFFER, easy.error_buffer());
  set_option(curl, CURLOPT_NOSIGNAL, 1L);
  set_option(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connect_timeout.count()));
  set_option(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.request_timeout.count()));
  set_option(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
  set_option(curl, CURLOPT_USERNAME, settings_.access_key.c_str());
  set_option(curl, CURLOPT_PASSWORD, settings_.secret_key.c_str());
  set_option(curl, CURLOPT_WRITEFUNCTION, append_body);
  set_option(curl, CURLOPT_WRITEDATA, &answer.body);
  http::CurlHeaderList headers;
  // libcurl 7.88 neither adds this header (S3 requires it) nor hashes an upload body; it signs the value we give.
  headers.append("x-amz-content-sha256: " + call.payload_sha256);
  for (const auto& header : call.headers) headers.append(header);
  if (call.method == "HEAD") {
    set_option(curl, CURLOPT_NOBODY, 1L);
  } else if (call.method == "PUT") {
    set_option(curl, CURLOPT_UPLOAD, 1L);
    set_option(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size));
    set_option(curl, CURLOPT_READFUNCTION, read_body);
    set_option(curl, CURLOPT_READDATA, &body);
    headers.append("Expect:");  // one round trip less; a refused PUT is cheap to repeat at chunk sizes
  } else if (call.method != "GET") {
    set_option(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  }
  set_option(curl, CURLOPT_HTTPHEADER, headers.get());
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    answer.transport_error = easy.error_buffer()[0] != '\0' ? easy.error_buffer() : curl_easy_strerror(code);
    return answer;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  curl_off_t length = -1;
  if (curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK && length >= 0) {
    answer.content_length = static_cast<std::uint64_t>(length);
  }
  return answer;
}

S3Client::Answer S3Client::perform(const Call& call) const {
  std::chrono::milliseconds backoff = settings_.first_backoff;
  for (int attempt_number = 1;; ++attempt_number) {
    Answer answer = attempt(call);
    answer.attempts = attempt_number;
    const bool retry = !answer.transport_error.empty() || transient(answer.status);
    if (!retry || attempt_number >= settings_.max_attempts) return answer;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

void S3Client::fail(const Call& call, const Answer& answer) const {
  const std::string target = describe(call.key);
  if (!answer.transport_error.empty()) {
    throw Error(fmt::format("S3 chunk store: {} {}: no answer from {} after {} attempts ({}); check "
                            "chunk_store.s3_endpoint and that the server is running",
                            call.action, target, settings_.endpoint, answer.attempts, answer.transport_error));
  }
  const std::string code = xml_text(answer.body, "Code").value_or("");
  const std::string message = xml_text(answer.body, "Message").value_or("");
  const std::string detail = fmt::format("HTTP {}{}{}", answer.status, code.empty() ? "" : " " + code,
                                         message.empty() ? "" : " (" + message + ")");
  if (code == "NoSuchBucket") {
    throw Error(fmt::format("S3 chunk store: {} {}: bucket '{}' does not exist at {}; create it or fix chunk_store.url",
                            call.action, target, settings_.bucket, settings_.endpoint));
  }
  if (answer.status == 403 || answer.status == 401) {
    throw Error(fmt::format("S3 chunk store: {} {} was refused: {}; check the credentials ({}) and that they may {} in "
                            "bucket '{}'",
                            call.action, target, detail, settings_.credentials_source, call.action, settings_.bucket));
  }
  if (answer.status == 301 || code == "AuthorizationHeaderMalformed" || code == "PermanentRedirect") {
    throw Error(fmt::format("S3 chunk store: {} {}: {}; the bucket is in another region or needs another endpoint: "
                            "check chunk_store.s3_region ({}) and chunk_store.s3_endpoint",
                            call.action, target, detail, settings_.region));
  }
  throw Error(fmt::format("S3 chunk store: {} {} failed: {}{}", call.action, target, detail,
                          transient(answer.status) ? fmt::format(" after {} attempts; the server is failing, try again later", answer.attempts)
                                                   : ""));
}

namespace {

bool ok(long status) { return status >= 200 && status < 300; }

std::uint64_t parse_size(std::string_view text, std::string_view key) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw Error(fmt::format("S3 chunk store: the listing gives key '{}' the size '{}', which is not a number; the "
                            "server's ListObjectsV2 answer is malformed",
                            key, text));
  }
  return value;
}

}  // namespace

void S3Client::put(std::string_view key, std::string_view body) const {
  Call call{"write", "PUT", std::string(key), {}, Body{body, -1, body.size(), 0}, codec::sha256_hex(body), {}};
  const Answer answer = perform(call);
  if (!ok(answer.status)) fail(call, answer);
}

void S3Client::put_file(std::string_view key, int fd, std::uint64_t size, const std::string& sha256_hex) const {
  Call call{"write", "PUT", std::string(key), {}, Body{{}, fd, size, 0}, sha256_hex, {}};
  const Answer answer = perform(call);
  if (!ok(answer.status)) fail(call, answer);
}

std::optional<std::string> S3Client::get(std::string_view key) const {
  Call call{"read", "GET", std::string(key), {}, {}, std::string(kEmptySha256), {}};
  Answer answer = perform(call);
  if (answer.status == 404 && xml_text(answer.body, "Code").value_or("NoSuchKey") == "NoSuchKey") return std::nullopt;
  if (!ok(answer.status)) fail(call, answer);
  return std::move(answer.body);
}

std::optional<std::string> S3Client::get_range(std::string_view key, std::uint64_t offset, std::uint64_t length) const {
  if (length == 0) return std::string();
  Call call{"read", "GET", std::string(key), {}, {}, std::string(kEmptySha256),
            {fmt::format("Range: bytes={}-{}", offset, offset + length - 1)}};
  Answer answer = perform(call);
  if (answer.status == 404 && xml_text(answer.body, "Code").value_or("NoSuchKey") == "NoSuchKey") return std::nullopt;
  if (answer.status == 416) return std::string();  // the range starts at or past the end
  if (!ok(answer.status)) fail(call, answer);
  // A server that ignores Range answers 200 with the whole object: cut out the part asked for.
  if (answer.status == 200 && answer.body.size() > length) {
    answer.body = offset >= answer.body.size() ? std::string() : answer.body.substr(offset, length);
  }
  return std::move(answer.body);
}

std::optional<std::uint64_t> S3Client::size(std::string_view key) const {
  Call call{"read", "HEAD", std::string(key), {}, {}, std::string(kEmptySha256), {}};
  const Answer answer = perform(call);
  if (answer.status == 404) return std::nullopt;  // HEAD has no body to tell a missing bucket from a missing key
  if (!ok(answer.status)) fail(call, answer);
  if (!answer.content_length) {
    throw Error(fmt::format("S3 chunk store: read {}: the server sent no Content-Length for HEAD; it is not "
                            "S3-compatible enough for this store",
                            describe(key)));
  }
  return answer.content_length;
}

void S3Client::remove(std::string_view key) const {
  Call call{"delete", "DELETE", std::string(key), {}, {}, std::string(kEmptySha256), {}};
  const Answer answer = perform(call);
  if (!ok(answer.status) && !(answer.status == 404 && xml_text(answer.body, "Code").value_or("NoSuchKey") == "NoSuchKey")) {
    fail(call, answer);
  }
}

std::vector<S3Object> S3Client::list(std::string_view prefix) const {
  std::vector<S3Object> objects;
  std::string token;
  do {
    // Parameters in name order: continuation-token < list-type < max-keys < prefix.
    std::string query;
    if (!token.empty()) query += "continuation-token=" + http::url_encode(token) + "&";
    query += fmt::format("list-type=2&max-keys={}&prefix={}", kListPageKeys, http::url_encode(prefix));
    Call call{"list", "GET", {}, query, {}, std::string(kEmptySha256), {}};
    const Answer answer = perform(call);
    if (!ok(answer.status)) fail(call, answer);
    const std::string_view xml = answer.body;
    // Each <Contents> holds one <Key> and one <Size>, in that order.
    const auto keys = xml_texts(xml, "Key");
    const auto sizes = xml_texts(xml, "Size");
    if (keys.size() != sizes.size()) {
      throw Error(fmt::format("S3 chunk store: list {} under '{}': the answer has {} keys but {} sizes; the server's "
                              "ListObjectsV2 answer is malformed",
                              describe(""), prefix, keys.size(), sizes.size()));
    }
    for (std::size_t i = 0; i < keys.size(); ++i) objects.push_back({keys[i], parse_size(sizes[i], keys[i])});
    token = xml_text(xml, "IsTruncated").value_or("false") == "true" ? xml_text(xml, "NextContinuationToken").value_or("")
                                                                      : "";
  } while (!token.empty());
  return objects;
}

void S3Client::create_bucket() const {
  Call call{"create", "PUT", {}, {}, {}, std::string(kEmptySha256), {}};
  const Answer answer = perform(call);
  if (ok(answer.status) || xml_text(answer.body, "Code").value_or("") == "BucketAlreadyOwnedByYou") return;
  fail(call, answer);
}

void S3Client::delete_bucket() const {
  Call call{"delete", "DELETE", {}, {}, {}, std::string(kEmptySha256), {}};
  const Answer answer = perform(call);
  if (!ok(answer.status) && answer.status != 404) fail(call, answer);
}

}  // namespace insights::chunkstore
