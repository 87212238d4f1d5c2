// The JWT bearer flow against the emulator's grant: a whole job, mid-job token expiry, and each kind of refusal.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <latch>
#include <string>
#include <utility>
#include <vector>
#include <thread>

#include "emulator/emulator_server.h"
#include "shared/salesforce/client.h"
#include "shared/salesforce/token_source_factory.h"
#include "tests/unit/salesforce/jwt_test_support.h"
#include "tests/support/zlib_gzip.h"

namespace insights::salesforce {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using namespace testing;

constexpr const char* kUser = "svc@acme.example";
constexpr const char* kAudience = "https://login.salesforce.com";

const std::string kMetadata = R"({"fileFormat":{"charsetName":"UTF-8","numberOfLinesToIgnore":1},)"
                              R"("objects":[{"connector":"InsightsPipeline","fullyQualifiedName":"meetings",)"
                              R"("label":"Meetings","name":"meetings","fields":[)"
                              R"({"fullyQualifiedName":"meetings.meeting_id","name":"meeting_id","label":"Meeting Id",)"
                              R"("type":"Text"}]}]})";

emulator::Options jwt_options(EVP_PKEY* certified_key) {
  emulator::Options options;
  options.jwt_certificate_pem = self_signed_certificate_pem(certified_key);
  options.jwt_users = {kUser};
  options.jwt_audience = kAudience;
  return options;
}

ClientOptions fast_options() {
  ClientOptions options;
  options.connect_timeout = 2s;
  options.request_timeout = 30s;
  options.retry = RetryPolicy{4, 10ms, 100ms, 30s};
  options.poll_first = 5ms;
  options.poll_longest = 50ms;
  return options;
}

class JwtAgainstEmulator : public ::testing::Test {
 protected:
  JwtAgainstEmulator() : key_file_(dir_.write("key.pem", private_key_pem(shared_rsa_key()))) {}

  Client client(const emulator::Server& server, std::string user = kUser, std::string audience = kAudience) {
    return Client(make_token_source({"jwt", server.base_url(), "insights-local", "", std::move(user),
                                     std::move(audience), key_file_}),
                  fast_options());
  }

  static HeaderFields overwrite_fields() {
    HeaderFields fields;
    fields.alias = "meetings_acme";
    fields.file_name = "job_jwt";
    fields.operation = "Overwrite";
    fields.metadata_json = kMetadata;
    return fields;
  }

  // The ApiError the client throws on its first call.
  static ApiError refusal(Client& sf) {
    try {
      sf.find_header("job_jwt");
    } catch (const ApiError& error) {
      return error;
    }
    throw std::runtime_error("expected the token request to be refused");
  }

  TempDir dir_;
  std::string key_file_;
};

TEST_F(JwtAgainstEmulator, JobCompletesAndAnExpiredTokenMidJobIsFetchedOnceForEightThreads) {
  emulator::Server server(jwt_options(shared_rsa_key()));
  auto sf = client(server);
  const std::string header_id = sf.create_header(overwrite_fields());

  std::string csv = "meeting_id\n";
  constexpr int kRows = 3000;
  for (int row = 0; row < kRows; ++row) csv += fmt::format("m-{}\n", row);
  const std::string data = insights::testing::gzip_member(csv);
  constexpr int kParts = 10;
  const std::size_t slice = data.size() / kParts + 1;
  const auto part = [&](int number) {
    return std::string_view(data).substr(static_cast<std::size_t>(number - 1) * slice, slice);
  };
  sf.upload_part(header_id, 1, part(1));
  sf.upload_part(header_id, 2, part(2));

  emulator::FaultSpec expire;
  expire.kind = emulator::FaultKind::ExpireTokens;
  server.faults().add(expire);
  std::latch ready(kParts - 2);
  std::vector<std::thread> threads;
  for (int number = 3; number <= kParts; ++number) {
    threads.emplace_back([&, number] {
      ready.arrive_and_wait();
      sf.upload_part(header_id, number, part(number));
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(sf.list_parts(header_id).size(), static_cast<std::size_t>(kParts));
  sf.start_processing(header_id);
  const auto done = sf.wait_terminal(header_id, 60s);
  EXPECT_EQ(done.status, "Completed") << done.status_message;
  EXPECT_EQ(sf.dataset_row_count("meetings_acme"), static_cast<std::uint64_t>(kRows));
  EXPECT_EQ(sf.token_fetches(), 2);
}

TEST_F(JwtAgainstEmulator, RefusedAssertionsArePermanentInvalidGrants) {
  const auto other_key = rsa_key(2048);
  emulator::Server wrong_certificate(jwt_options(other_key.get()));
  emulator::Server server(jwt_options(shared_rsa_key()));

  auto unsigned_by_the_app = client(wrong_certificate);
  auto unknown_user = client(server, "intruder@acme.example");
  auto sandbox_audience = client(server, kUser, "https://test.salesforce.com");
  const std::vector<std::pair<Client*, std::string>> cases = {
      {&unsigned_by_the_app, "signature"}, {&unknown_user, "pre-authorized"}, {&sandbox_audience, "aud"}};
  for (const auto& [sf, reason] : cases) {
    const ApiError error = refusal(*sf);
    EXPECT_EQ(error.error_code(), "invalid_grant") << error.what();
    EXPECT_THAT(error.salesforce_message(), HasSubstr(reason));
    EXPECT_FALSE(error.transient()) << error.what();
    EXPECT_THAT(error.what(), HasSubstr("check salesforce.client_id"));
    EXPECT_EQ(sf->retries(), 0);
  }
}

}  // namespace
}  // namespace insights::salesforce
