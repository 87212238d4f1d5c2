// Client behaviour on failures, against a scripted loopback server standing in for Salesforce.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "shared/salesforce/client.h"
#include "tests/unit/salesforce/local_http_server.h"

namespace insights::salesforce {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::LocalHttpServer;

constexpr const char* kClientId = "test-client";
constexpr const char* kSecret = "s3cret-value";
const std::string kData = "/services/data/v62.0";

void reply_json(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body, "application/json");
}

// Token endpoint plus bookkeeping; each test adds the API routes it needs, then calls start().
class FakeSalesforce {
 public:
  FakeSalesforce() {
    local_.server().Post("/services/oauth2/token", [this](const httplib::Request& request, httplib::Response& response) {
      if (request.get_param_value("grant_type") != "client_credentials" ||
          request.get_param_value("client_id") != kClientId || request.get_param_value("client_secret") != kSecret) {
        reply_json(response, 400, R"({"error":"invalid_client","error_description":"invalid client credentials"})");
        ++token_rejections;
        return;
      }
      const int number = ++token_fetches;
      reply_json(response, 200,
                 R"({"access_token":"tok-)" + std::to_string(number) + R"(","instance_url":")" + local_.base_url() +
                     R"(/","token_type":"Bearer","issued_at":"1700000000000"})");
    });
  }

  httplib::Server& server() { return local_.server(); }
  void start() { local_.start(); }

  Client client(std::string secret = kSecret, int max_attempts = 4) {
    ClientOptions options;
    options.connect_timeout = 2s;
    options.request_timeout = 10s;
    options.retry = RetryPolicy{max_attempts, 5ms, 20ms, 60s};
    options.poll_first = 1ms;
    options.poll_longest = 4ms;
    return Client(Credentials{local_.base_url(), kClientId, std::move(secret)}, options);
  }

  std::atomic<int> token_fetches{0};
  std::atomic<int> token_rejections{0};

 private:
  LocalHttpServer local_;
};

std::string bearer(const httplib::Request& request) { return request.get_header_value("Authorization"); }

TEST(ClientRetries, ServiceUnavailableTwiceThenCreated) {
  FakeSalesforce fake;
  std::atomic<int> posts{0};
  fake.server().Post(kData + "/sobjects/InsightsExternalData", [&](const httplib::Request&, httplib::Response& response) {
    if (++posts <= 2) {
      reply_json(response, 503, R"([{"message":"down for maintenance","errorCode":"SERVER_UNAVAILABLE"}])");
    } else {
      reply_json(response, 201, R"({"id":"06V000000000001AAA","success":true,"errors":[]})");
    }
  });
  fake.start();
  auto client = fake.client();
  HeaderFields fields;
  fields.alias = "meetings_acme";
  fields.operation = "Overwrite";
  EXPECT_EQ(client.create_header(fields), "06V000000000001AAA");
  EXPECT_EQ(posts.load(), 3);
  EXPECT_EQ(client.retries(), 2);
  EXPECT_EQ(fake.token_fetches.load(), 1);
}

TEST(ClientRetries, TooManyRequestsIsRetriedAfterRetryAfter) {
  FakeSalesforce fake;
  std::atomic<int> gets{0};
  fake.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))",
                    [&](const httplib::Request& request, httplib::Response& response) {
                      if (++gets == 1) {
                        response.set_header("Retry-After", "1");
                        reply_json(response, 429, "");
                        return;
                      }
                      EXPECT_EQ(request.get_param_value("fields"), "Status,StatusMessage,Action");
                      reply_json(response, 200, R"({"Status":"Queued","StatusMessage":null,"Action":"Process"})");
                    });
  fake.start();
  auto client = fake.client();
  const auto state = client.status("06V000000000001AAA");
  EXPECT_EQ(state.status, "Queued");
  EXPECT_EQ(state.id, "06V000000000001AAA");
  EXPECT_EQ(gets.load(), 2);
  EXPECT_EQ(client.retries(), 1);
}

TEST(ClientRetries, ExpiredTokenIsFetchedAgainOnceAndTheRequestRepeated) {
  FakeSalesforce fake;
  std::mutex mutex;
  std::vector<std::string> seen_tokens;
  fake.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))",
                    [&](const httplib::Request& request, httplib::Response& response) {
                      {
                        const std::lock_guard lock(mutex);
                        seen_tokens.push_back(bearer(request));
                      }
                      if (bearer(request) == "Bearer tok-1") {
                        reply_json(response, 401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
                      } else {
                        reply_json(response, 200, R"({"Status":"Completed","StatusMessage":null,"Action":"Process"})");
                      }
                    });
  fake.start();
  auto client = fake.client();
  EXPECT_EQ(client.status("06V1").status, "Completed");
  EXPECT_EQ(fake.token_fetches.load(), 2);
  EXPECT_EQ(seen_tokens, (std::vector<std::string>{"Bearer tok-1", "Bearer tok-2"}));
  EXPECT_EQ(client.retries(), 1);
  // The fresh token stays in use.
  EXPECT_EQ(client.status("06V1").status, "Completed");
  EXPECT_EQ(fake.token_fetches.load(), 2);
}

TEST(ClientRetries, UnauthorizedWithAFreshTokenIsPermanent) {
  FakeSalesforce fake;
  std::atomic<int> gets{0};
  fake.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))", [&](const httplib::Request&, httplib::Response& response) {
    ++gets;
    reply_json(response, 401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
  });
  fake.start();
  auto client = fake.client();
  try {
    client.status("06V1");
    FAIL() << "expected ApiError";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 401);
    EXPECT_EQ(error.error_code(), "INVALID_SESSION_ID");
    EXPECT_FALSE(error.transient());
  }
  EXPECT_EQ(gets.load(), 2);
  EXPECT_EQ(fake.token_fetches.load(), 2);
}

TEST(ClientRetries, ParallelCallsWithAnExpiredTokenShareOneNewToken) {
  FakeSalesforce fake;
  std::atomic<int> posts{0};
  fake.server().Post(kData + "/sobjects/InsightsExternalDataPart", [&](const httplib::Request& request, httplib::Response& response) {
    if (bearer(request) == "Bearer tok-1") {
      reply_json(response, 401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
      return;
    }
    const int number = ++posts;
    reply_json(response, 201, R"({"id":"06W)" + std::to_string(number) + R"(","success":true,"errors":[]})");
  });
  fake.start();
  auto client = fake.client();
  std::vector<std::thread> threads;
  std::vector<std::string> ids(6);
  for (int part = 1; part <= 6; ++part) {
    threads.emplace_back([&, part] { ids[static_cast<std::size_t>(part - 1)] = client.upload_part("06V1", part, "bytes"); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(posts.load(), 6);
  EXPECT_EQ(fake.token_fetches.load(), 2);
  for (const auto& id : ids) EXPECT_THAT(id, HasSubstr("06W"));
}

TEST(ClientRetries, InvalidClientIsPermanentAndNeverShowsTheSecret) {
  FakeSalesforce fake;
  fake.start();
  auto client = fake.client("wrong-secret-value");
  try {
    client.status("06V1");
    FAIL() << "expected ApiError";
  } catch (const ApiError& error) {
    EXPECT_FALSE(error.transient());
    EXPECT_EQ(error.error_code(), "invalid_client");
    EXPECT_THAT(error.what(), HasSubstr("fetching an OAuth token"));
    EXPECT_THAT(error.what(), HasSubstr("check the configured client id and client secret"));
    EXPECT_THAT(error.what(), Not(HasSubstr("wrong-secret-value")));
  }
  EXPECT_EQ(fake.token_rejections.load(), 1);
}

TEST(ClientRetries, ValidationErrorIsPermanentAndNamesTheCall) {
  FakeSalesforce fake;
  std::atomic<int> posts{0};
  fake.server().Post(kData + "/sobjects/InsightsExternalData", [&](const httplib::Request&, httplib::Response& response) {
    ++posts;
    reply_json(response, 400,
               R"([{"message":"Invalid date format","errorCode":"FIELD_INTEGRITY_EXCEPTION","fields":["MetadataJson"]}])");
  });
  fake.start();
  auto client = fake.client();
  HeaderFields fields;
  fields.alias = "meetings_acme";
  fields.operation = "Overwrite";
  fields.metadata_json = "{}";
  try {
    client.create_header(fields);
    FAIL() << "expected ApiError";
  } catch (const ApiError& error) {
    EXPECT_THAT(error.what(), HasSubstr("creating InsightsExternalData header for alias meetings_acme: 400 "
                                        "FIELD_INTEGRITY_EXCEPTION on MetadataJson: Invalid date format"));
    EXPECT_EQ(error.error_code(), "FIELD_INTEGRITY_EXCEPTION");
  }
  EXPECT_EQ(posts.load(), 1);
  EXPECT_EQ(client.retries(), 0);
}

TEST(ClientRetries, PartStoredBeforeALostResponseIsNotSentAgain) {
  FakeSalesforce fake;
  std::atomic<int> posts{0};
  std::atomic<int> queries{0};
  std::atomic<bool> stored{false};
  fake.server().Post(kData + "/sobjects/InsightsExternalDataPart", [&](const httplib::Request&, httplib::Response& response) {
    ++posts;
    stored = true;  // stored, but the answer is lost to an overloaded edge
    reply_json(response, 502, "<html>Bad Gateway</html>");
  });
  fake.server().Get(kData + "/query", [&](const httplib::Request& request, httplib::Response& response) {
    ++queries;
    EXPECT_THAT(request.get_param_value("q"), HasSubstr("WHERE InsightsExternalDataId='06V1'"));
    reply_json(response, 200,
               stored ? R"({"totalSize":1,"done":true,"records":[{"Id":"06W9","PartNumber":1}]})"
                      : R"({"totalSize":0,"done":true,"records":[]})");
  });
  fake.start();
  auto client = fake.client();
  EXPECT_EQ(client.upload_part("06V1", 1, "gzip bytes"), "06W9");
  EXPECT_EQ(posts.load(), 1);
  EXPECT_EQ(queries.load(), 1);
}

TEST(ClientRetries, ListPartsFollowsNextRecordsUrl) {
  FakeSalesforce fake;
  fake.server().Get(kData + "/query", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200,
               R"({"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g-2000",)"
               R"("records":[{"Id":"06W1","PartNumber":1},{"Id":"06W2","PartNumber":2}]})");
  });
  fake.server().Get(kData + "/query/01g-2000", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, R"({"totalSize":3,"done":true,"records":[{"Id":"06W3","PartNumber":3}]})");
  });
  fake.start();
  auto client = fake.client();
  const auto parts = client.list_parts("06V1");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[2].id, "06W3");
  EXPECT_EQ(parts[2].part_number, 3);
}

TEST(ClientRetries, ProcessAcceptedBeforeALostResponseIsNotPatchedAgain) {
  FakeSalesforce fake;
  std::atomic<int> patches{0};
  std::atomic<bool> processing{false};
  fake.server().Patch(kData + R"(/sobjects/InsightsExternalData/(\w+))", [&](const httplib::Request& request, httplib::Response& response) {
    ++patches;
    EXPECT_EQ(request.body, R"({"Action":"Process"})");
    processing = true;
    reply_json(response, 503, "");
  });
  fake.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200,
               processing ? R"({"Status":"Queued","StatusMessage":null,"Action":"Process"})"
                          : R"({"Status":"New","StatusMessage":null,"Action":"None"})");
  });
  fake.start();
  auto client = fake.client();
  client.start_processing("06V1");
  EXPECT_EQ(patches.load(), 1);
}

TEST(ClientRetries, HeaderCreatedBeforeALostResponseIsAdopted) {
  FakeSalesforce fake;
  std::atomic<int> posts{0};
  std::atomic<bool> created{false};
  fake.server().Post(kData + "/sobjects/InsightsExternalData", [&](const httplib::Request&, httplib::Response& response) {
    ++posts;
    created = true;
    reply_json(response, 500, R"([{"message":"boom","errorCode":"UNKNOWN_EXCEPTION"}])");
  });
  fake.server().Get(kData + "/query", [&](const httplib::Request& request, httplib::Response& response) {
    EXPECT_THAT(request.get_param_value("q"), HasSubstr("WHERE FileName='job_1'"));
    reply_json(response, 200,
               created ? R"({"done":true,"records":[{"Id":"06VNEW","Status":"New","StatusMessage":null,"Action":"None"}]})"
                       : R"({"done":true,"records":[{"Id":"06VOLD","Status":"Failed","StatusMessage":"x","Action":"Process"}]})");
  });
  fake.start();
  auto client = fake.client();
  HeaderFields fields;
  fields.alias = "meetings_acme";
  fields.file_name = "job_1";
  fields.operation = "Overwrite";
  EXPECT_EQ(client.create_header(fields), "06VNEW");
  EXPECT_EQ(posts.load(), 1);
}

TEST(ClientRetries, DeleteWhoseResponseWasLostCountsAsDone) {
  FakeSalesforce fake;
  std::atomic<int> deletes{0};
  fake.server().Delete(kData + R"(/sobjects/InsightsExternalDataPart/(\w+))", [&](const httplib::Request&, httplib::Response& response) {
    if (++deletes == 1) {
      reply_json(response, 503, "");
    } else {
      reply_json(response, 404, R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}])");
    }
  });
  fake.start();
  auto client = fake.client();
  client.delete_part("06W1");
  EXPECT_EQ(deletes.load(), 2);
}

TEST(ClientRetries, DeleteOfAMissingRecordIsAnErrorOnTheFirstAttempt) {
  FakeSalesforce fake;
  fake.server().Delete(kData + R"(/sobjects/InsightsExternalData/(\w+))", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 404, R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}])");
  });
  fake.start();
  auto client = fake.client();
  EXPECT_THROW(client.delete_header("06V1"), ApiError);
}

TEST(ClientRetries, RowCountFollowsTheCurrentVersionAndIsEmptyWithoutADataset) {
  FakeSalesforce fake;
  fake.server().Get(kData + "/wave/datasets/meetings_acme", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, R"({"id":"0Fb1","name":"meetings_acme","currentVersionId":"0Fc7"})");
  });
  fake.server().Get(kData + "/wave/datasets/0Fb1/versions/0Fc7", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, R"({"id":"0Fc7","totalRowCount":1234})");
  });
  fake.server().Get(kData + "/wave/datasets/absent", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 404, R"([{"message":"not found","errorCode":"NOT_FOUND"}])");
  });
  fake.start();
  auto client = fake.client();
  EXPECT_EQ(client.dataset_row_count("meetings_acme"), 1234u);
  EXPECT_EQ(client.dataset_row_count("absent"), std::nullopt);
}

TEST(ClientRetries, WaitTerminalPollsUntilATerminalStatus) {
  FakeSalesforce fake;
  std::atomic<int> gets{0};
  fake.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200,
               ++gets < 3 ? R"({"Status":"InProgress","StatusMessage":null,"Action":"Process"})"
                          : R"({"Status":"CompletedWithWarnings","StatusMessage":"2 rows rejected","Action":"Process"})");
  });
  fake.start();
  auto client = fake.client();
  const auto state = client.wait_terminal("06V1", 60s);
  EXPECT_EQ(state.status, "CompletedWithWarnings");
  EXPECT_EQ(state.status_message, "2 rows rejected");
  EXPECT_EQ(gets.load(), 3);
}

TEST(ClientRetries, WaitTerminalGivesUpAfterItsTimeout) {
  FakeSalesforce fake;
  fake.server().Get(kData + R"(/sobjects/InsightsExternalData/(\w+))", [&](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, R"({"Status":"InProgress","StatusMessage":null,"Action":"Process"})");
  });
  fake.start();
  auto client = fake.client();
  try {
    client.wait_terminal("06V1", 30ms);
    FAIL() << "expected insights::Error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("still InProgress"));
  }
}

TEST(ClientRetries, UnreachableLoginHostGivesUpAsATransportError) {
  ClientOptions options;
  options.retry = RetryPolicy{3, 1ms, 2ms, 60s};
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::unused_loopback_port());
  Client client(Credentials{url, kClientId, kSecret}, options);
  try {
    client.status("06V1");
    FAIL() << "expected TransportError";
  } catch (const http::TransportError& error) {
    EXPECT_THAT(error.what(), HasSubstr("reading the status of InsightsExternalData 06V1: fetching an OAuth token"));
    EXPECT_THAT(error.what(), HasSubstr("gave up after 3 attempts"));
  }
  EXPECT_EQ(client.retries(), 2);
}

}  // namespace
}  // namespace insights::salesforce
