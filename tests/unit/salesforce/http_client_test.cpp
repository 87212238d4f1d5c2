#include "shared/http/http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>

#include "tests/unit/salesforce/local_http_server.h"

namespace insights::http {
namespace {

using namespace std::chrono_literals;
using insights::salesforce::testing::LocalHttpServer;

class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& server = local_.server();
    server.set_keep_alive_max_count(100);  // httplib closes a connection after 5 requests by default
    server.Get("/echo", [this](const httplib::Request& request, httplib::Response& response) {
      remember_port(request);
      response.set_header("X-Custom-Header", "custom value");
      response.set_content("method=GET auth=" + request.get_header_value("Authorization"), "text/plain");
    });
    const auto echo_body = [this](const httplib::Request& request, httplib::Response& response) {
      remember_port(request);
      response.status = 201;
      response.set_content(request.method + ":" + request.get_header_value("Content-Type") + ":" + request.body,
                           "text/plain");
    };
    server.Post("/echo", echo_body);
    server.Patch("/echo", echo_body);
    server.Delete("/echo", [](const httplib::Request&, httplib::Response& response) { response.status = 204; });
    server.Get("/missing", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_content(R"([{"message":"nope","errorCode":"NOT_FOUND"}])", "application/json");
    });
    local_.start();
  }

  void remember_port(const httplib::Request& request) {
    const std::lock_guard lock(mutex_);
    client_ports_.insert(request.remote_port);
  }

  std::set<int> client_ports() {
    const std::lock_guard lock(mutex_);
    return client_ports_;
  }

  LocalHttpServer local_;
  HttpClient client_{2s, 10s};
  std::mutex mutex_;
  std::set<int> client_ports_;
};

TEST_F(HttpClientTest, GetSendsHeadersAndReturnsBodyAndHeaders) {
  const auto response = client_.send({"GET", local_.base_url() + "/echo", {{"Authorization", "Bearer abc"}}, ""});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "method=GET auth=Bearer abc");
  EXPECT_EQ(response.header("x-custom-header"), "custom value");
  EXPECT_EQ(response.header("X-CUSTOM-HEADER"), "custom value");
  EXPECT_FALSE(response.header("X-Absent").has_value());
}

TEST_F(HttpClientTest, PostAndPatchSendTheBody) {
  const std::string body = R"({"Action":"Process"})";
  const HeaderList json{{"Content-Type", "application/json"}};
  const auto posted = client_.send({"POST", local_.base_url() + "/echo", json, body});
  EXPECT_EQ(posted.status, 201);
  EXPECT_EQ(posted.body, "POST:application/json:" + body);
  const auto patched = client_.send({"PATCH", local_.base_url() + "/echo", json, body});
  EXPECT_EQ(patched.body, "PATCH:application/json:" + body);
}

TEST_F(HttpClientTest, SendsLargeBodiesIntact) {
  std::string body(3 * 1024 * 1024, 'x');
  body.back() = 'y';
  const auto response = client_.send({"POST", local_.base_url() + "/echo", {{"Content-Type", "text/plain"}}, body});
  EXPECT_EQ(response.body.size(), std::string("POST:text/plain:").size() + body.size());
  EXPECT_EQ(response.body.back(), 'y');
}

TEST_F(HttpClientTest, DeleteReturnsStatusWithoutBody) {
  const auto response = client_.send({"DELETE", local_.base_url() + "/echo", {}, ""});
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(response.body.empty());
}

TEST_F(HttpClientTest, ErrorStatusesAreResponsesNotExceptions) {
  const auto response = client_.send({"GET", local_.base_url() + "/missing", {}, ""});
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("NOT_FOUND"), std::string::npos);
}

TEST_F(HttpClientTest, ReusesItsConnectionAcrossRequests) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(client_.send({"GET", local_.base_url() + "/echo", {}, ""}).status, 200);
    ASSERT_EQ(client_.send({"POST", local_.base_url() + "/echo", {}, "x"}).status, 201);
  }
  EXPECT_EQ(client_ports().size(), 1u);
}

TEST(HttpClientTransport, RefusedConnectionThrowsTransportErrorNamingTheRequest) {
  const int closed_port = insights::salesforce::testing::unused_loopback_port();
  HttpClient client(2s, 5s);
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port) + "/x";
  try {
    client.send({"GET", url, {}, ""});
    FAIL() << "expected a TransportError";
  } catch (const TransportError& error) {
    EXPECT_NE(std::string(error.what()).find("GET " + url), std::string::npos) << error.what();
  }
}

TEST(HttpClientTransport, UnsupportedSchemeIsATransportError) {
  HttpClient client(2s, 5s);
  EXPECT_THROW(client.send({"GET", "ftp://127.0.0.1/x", {}, ""}), TransportError);
}

}  // namespace
}  // namespace insights::http
