// The client on the JWT bearer flow against a loopback server that verifies every assertion.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <thread>

#include "shared/salesforce/client.h"
#include "shared/salesforce/token_source_factory.h"
#include "tests/unit/salesforce/jwt_token_endpoint.h"
#include "tests/unit/salesforce/local_http_server.h"

namespace insights::salesforce {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace testing;

const std::string kData = "/services/data/v62.0";
const std::string kExpired = R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";

ClientOptions fast_options() {
  ClientOptions options;
  options.connect_timeout = 2s;
  options.request_timeout = 10s;
  options.retry = RetryPolicy{4, 5ms, 20ms, 60s};
  return options;
}

class JwtClient : public ::testing::Test {
 protected:
  JwtClient() : key_file_(dir_.write("key.pem", private_key_pem(shared_rsa_key()))) {}

  // The endpoint checks against `public_key`: another key than the client's stands for a wrong certificate.
  void start(EVP_PKEY* public_key) {
    endpoint_ = std::make_unique<JwtTokenEndpoint>(
        local_.server(), JwtExpectations{public_key, "consumer-key", "svc@acme.example", "https://test.salesforce.com"},
        local_.base_url());
    local_.start();
  }

  Client client() {
    return Client(make_token_source({"jwt", local_.base_url(), "consumer-key", "", "svc@acme.example",
                                     "https://test.salesforce.com", key_file_}),
                  fast_options());
  }

  TempDir dir_;
  std::string key_file_;
  LocalHttpServer local_;
  std::unique_ptr<JwtTokenEndpoint> endpoint_;
};

TEST_F(JwtClient, FetchesATokenWithAVerifiedAssertionAndUsesIt) {
  std::atomic<int> gets{0};
  local_.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))",
                      [&](const httplib::Request& request, httplib::Response& response) {
                        ++gets;
                        EXPECT_EQ(request.get_header_value("Authorization"), "Bearer jwt-token-1");
                        response.set_content(R"({"Status":"New","StatusMessage":null,"Action":"None"})",
                                             "application/json");
                      });
  start(shared_rsa_key());
  auto sf = client();
  EXPECT_EQ(sf.status("06V1").status, "New");
  EXPECT_EQ(sf.status("06V1").status, "New");
  EXPECT_EQ(endpoint_->issued.load(), 1) << endpoint_->last_refusal();
  EXPECT_EQ(endpoint_->refused.load(), 0);
  EXPECT_EQ(gets.load(), 2);
  EXPECT_EQ(sf.token_fetches(), 1);
}

TEST_F(JwtClient, RefusedAssertionIsPermanentAndSaysWhatToCheck) {
  const auto other_key = rsa_key(2048);
  start(other_key.get());
  auto sf = client();
  try {
    sf.status("06V1");
    FAIL() << "expected ApiError";
  } catch (const ApiError& error) {
    EXPECT_FALSE(error.transient());
    EXPECT_EQ(error.http_status(), 400);
    EXPECT_EQ(error.error_code(), "invalid_grant");
    EXPECT_THAT(error.what(), HasSubstr("fetching an OAuth token from " + local_.base_url()));
    EXPECT_THAT(error.what(), HasSubstr("salesforce.jwt_key_file"));
    EXPECT_THAT(error.what(), HasSubstr("pre-authorized"));
    for (const auto& assertion : endpoint_->assertions()) {
      EXPECT_THAT(error.what(), Not(HasSubstr(assertion)));
    }
  }
  EXPECT_EQ(endpoint_->refused.load(), 1);  // a refusal is not retried
  EXPECT_EQ(endpoint_->last_refusal(), "signature does not verify");
}

// Mid-job expiry: eight threads get 401 with the same token, one new assertion is signed, all retry with its token.
TEST_F(JwtClient, ExpiredTokenMidJobIsFetchedOnceForAllUploadThreads) {
  std::atomic<bool> first_token_expired{false};
  std::mutex mutex;
  std::set<int> stored_parts;
  local_.server().Post(kData + "/sobjects/InsightsExternalDataPart",
                       [&](const httplib::Request& request, httplib::Response& response) {
                         const auto bearer = request.get_header_value("Authorization");
                         if (first_token_expired && bearer == "Bearer jwt-token-1") {
                           response.status = 401;
                           response.set_content(kExpired, "application/json");
                           return;
                         }
                         const auto number = std::stoi(request.body.substr(request.body.find("\"PartNumber\":") + 13));
                         {
                           const std::lock_guard lock(mutex);
                           EXPECT_TRUE(stored_parts.insert(number).second) << "part " << number << " stored twice";
                         }
                         response.status = 201;
                         response.set_content(R"({"id":"06W)" + std::to_string(number) + R"(","success":true,"errors":[]})",
                                              "application/json");
                       });
  start(shared_rsa_key());
  auto sf = client();
  EXPECT_EQ(sf.upload_part("06V1", 1, "part one"), "06W1");
  EXPECT_EQ(sf.upload_part("06V1", 2, "part two"), "06W2");
  first_token_expired = true;

  constexpr int kThreads = 8;
  std::latch ready(kThreads);
  std::vector<std::string> ids(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.arrive_and_wait();
      ids[static_cast<std::size_t>(i)] = sf.upload_part("06V1", 3 + i, "part " + std::to_string(3 + i));
    });
  }
  for (auto& thread : threads) thread.join();

  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(ids[static_cast<std::size_t>(i)], "06W" + std::to_string(3 + i));
  EXPECT_EQ(stored_parts.size(), 10u);
  EXPECT_EQ(endpoint_->issued.load(), 2) << endpoint_->last_refusal();
  EXPECT_EQ(endpoint_->refused.load(), 0);
  EXPECT_EQ(sf.token_fetches(), 2);
}

}  // namespace
}  // namespace insights::salesforce
