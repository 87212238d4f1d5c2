// No secret (client secret, private key, access token, assertion) reaches a log line or an exception text, over
// full token fetches with both flows: successes, 401 refetches, retried outages and refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "shared/log/log.h"
#include "shared/salesforce/client.h"
#include "shared/salesforce/token_source_factory.h"
#include "tests/unit/salesforce/jwt_test_support.h"
#include "tests/unit/salesforce/local_http_server.h"

namespace insights::salesforce {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using namespace testing;

const std::string kData = "/services/data/v62.0";
const std::string kClientSecret = "cc-Secret-7f3a9b21e4";

// Every secret the exchanges produced, and every text a reader could see.
struct Exposure {
  std::mutex mutex;
  std::vector<std::string> secrets;
  std::vector<std::string> texts;

  void secret(std::string value) {
    const std::lock_guard lock(mutex);
    secrets.push_back(std::move(value));
  }
  void text(std::string value) {
    const std::lock_guard lock(mutex);
    texts.push_back(std::move(value));
  }
};

// Token endpoint for both flows: answers 503 to its first `outages` calls, then checks the credentials. Tokens are
// random-looking and recorded as secrets. Every other token is refused as expired at once, so each successful run
// also takes the 401 refetch path; the status of 06VDEAD refuses every token.
class ScriptedSalesforce {
 public:
  ScriptedSalesforce(Exposure& exposure, EVP_PKEY* public_key, int outages)
      : exposure_(exposure), public_key_(public_key), outages_(outages) {
    local_.server().Post("/services/oauth2/token", [this](const httplib::Request& request, httplib::Response& response) {
      token(request, response);
    });
    local_.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))",
                        [this](const httplib::Request& request, httplib::Response& response) {
                          const bool refused = request.matches[1] == "06VDEAD" || expired(request);
                          response.status = refused ? 401 : 200;
                          response.set_content(refused ? R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])"
                                                       : R"({"Status":"Completed","StatusMessage":null,"Action":"Process"})",
                                               "application/json");
                        });
    local_.start();
  }

  std::string url() const { return local_.base_url(); }

 private:
  void token(const httplib::Request& request, httplib::Response& response) {
    const std::lock_guard lock(mutex_);
    if (request.has_param("assertion")) exposure_.secret(request.get_param_value("assertion"));
    if (calls_++ < outages_) {
      response.status = 503;
      response.set_content(R"({"error":"temporarily_unavailable","error_description":"maintenance"})",
                           "application/json");
      return;
    }
    if (!accepted(request)) {
      response.status = 400;
      response.set_content(R"({"error":"invalid_grant","error_description":"authentication failure"})",
                           "application/json");
      return;
    }
    const std::string value = "00Dxx0000001gPL!AR8AQ" + std::to_string(1000003 * (calls_ + 17)) + "vXq";
    if (++issued_ % 2 == 1) expired_.insert("Bearer " + value);
    exposure_.secret(value);
    response.set_content(R"({"access_token":")" + value + R"(","instance_url":")" + url() + R"("})",
                         "application/json");
  }

  bool expired(const httplib::Request& request) {
    const std::lock_guard lock(mutex_);
    return expired_.count(request.get_header_value("Authorization")) != 0;
  }

  bool accepted(const httplib::Request& request) const {
    if (request.get_param_value("grant_type") == "client_credentials") {
      return request.get_param_value("client_secret") == kClientSecret;
    }
    const auto parts = split_jwt(request.get_param_value("assertion"));
    return parts && rs256_signature_valid(public_key_, *parts);
  }

  Exposure& exposure_;
  EVP_PKEY* public_key_;
  int outages_;
  std::mutex mutex_;
  int calls_ = 0;
  int issued_ = 0;
  std::set<std::string> expired_;
  LocalHttpServer local_;
};

ClientOptions fast_options() {
  ClientOptions options;
  options.connect_timeout = 2s;
  options.request_timeout = 10s;
  options.retry = RetryPolicy{4, 1ms, 4ms, 60s};
  return options;
}

// A full fetch and use of a token with these settings; any error text is exposed.
void run(Exposure& exposure, const AuthSettings& settings, const std::string& header_id) {
  try {
    Client client(make_token_source(settings), fast_options());
    client.status(header_id);
  } catch (const std::exception& error) {
    exposure.text(error.what());
  }
}

class SecretLeak : public ::testing::Test {
 protected:
  void SetUp() override { log::init_for_test(log_, "trace", "json"); }
  void TearDown() override { log::init("info", "json"); }  // stderr again: log_ dies with the test

  std::ostringstream log_;
};

TEST_F(SecretLeak, NoSecretInLogsOrErrorsWithEitherFlow) {
  TempDir dir;
  const std::string key_pem = private_key_pem(shared_rsa_key());
  const std::string key_file = dir.write("key.pem", key_pem);
  const std::string encrypted_pem = encrypted_private_key_pem(shared_rsa_key(), "key-passphrase-31337");
  const std::string encrypted_file = dir.write("encrypted.pem", encrypted_pem);
  const std::string readable_file = dir.write("readable.pem", key_pem, 0644);
  const auto wrong_key = rsa_key(2048);

  Exposure exposure;
  exposure.secret(kClientSecret);
  exposure.secret("key-passphrase-31337");
  for (const auto& line : pem_body_lines(key_pem)) exposure.secret(line);
  for (const auto& line : pem_body_lines(encrypted_pem)) exposure.secret(line);

  for (const int outages : {0, 2}) {
    ScriptedSalesforce fake(exposure, shared_rsa_key(), outages);
    const AuthSettings credentials{"client_credentials", fake.url(), "consumer-key", kClientSecret, "", "", ""};
    const AuthSettings jwt{"jwt", fake.url(), "consumer-key", "", "svc@acme.example", "https://login.salesforce.com",
                           key_file};
    run(exposure, credentials, "06V1");
    run(exposure, jwt, "06V1");
    run(exposure, credentials, "06VDEAD");
    run(exposure, jwt, "06VDEAD");
    auto wrong_secret = credentials;
    wrong_secret.client_secret = "cc-Wrong-0c11e9";
    exposure.secret(wrong_secret.client_secret);
    run(exposure, wrong_secret, "06V1");
    auto readable_key = jwt;
    readable_key.private_key_file = readable_file;
    run(exposure, readable_key, "06V1");
    auto encrypted_key = jwt;
    encrypted_key.private_key_file = encrypted_file;
    run(exposure, encrypted_key, "06V1");
  }
  ScriptedSalesforce refusing(exposure, wrong_key.get(), 0);
  run(exposure, {"jwt", refusing.url(), "consumer-key", "", "svc@acme.example", "https://login.salesforce.com", key_file},
      "06V1");

  exposure.text(log_.str());
  // The scenarios did happen: retries, refetches, refusals and the key warning were all reported.
  EXPECT_THAT(log_.str(), HasSubstr("retrying"));
  EXPECT_THAT(log_.str(), HasSubstr("fetching a new token"));
  EXPECT_THAT(log_.str(), HasSubstr("accessible to other users"));
  EXPECT_GE(exposure.texts.size(), 8u);
  EXPECT_GE(exposure.secrets.size(), 20u);
  for (const auto& text : exposure.texts) {
    for (const auto& secret : exposure.secrets) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "secret '" << secret << "' appears in: " << text;
    }
  }
}

}  // namespace
}  // namespace insights::salesforce
