#include "emulator_test_client.h"

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "shared/codec/base64.h"

namespace insights::emulator::testing {

namespace {

Reply to_reply(const httplib::Result& result) {
  if (!result) return Reply{-1, fmt::format("request failed: {}", httplib::to_string(result.error())), {}};
  return Reply{result->status, result->body, result->get_header_value("Sforce-Limit-Info")};
}

bool is_terminal(const std::string& status) {
  return status == "Completed" || status == "CompletedWithWarnings" || status == "Failed" || status == "NotProcessed";
}

}  // namespace

rapidjson::Document Reply::json() const {
  rapidjson::Document document;
  document.Parse(body.c_str());
  return document;
}

std::string Reply::error_code() const {
  const auto document = json();
  if (!document.IsArray() || document.Empty() || !document[0].HasMember("errorCode")) return {};
  return document[0]["errorCode"].GetString();
}

std::string Reply::error_message() const {
  const auto document = json();
  if (!document.IsArray() || document.Empty() || !document[0].HasMember("message")) return {};
  return document[0]["message"].GetString();
}

std::string Reply::error_field() const {
  const auto document = json();
  if (!document.IsArray() || document.Empty() || !document[0].HasMember("fields") || document[0]["fields"].Empty()) {
    return {};
  }
  return document[0]["fields"][0].GetString();
}

Options EmulatorTest::test_options() {
  Options options;
  options.processing_delay = std::chrono::milliseconds(1);
  return options;
}

void EmulatorTest::SetUp() { restart(test_options()); }

void EmulatorTest::TearDown() {
  client.reset();
  server.reset();
}

void EmulatorTest::restart(Options options) {
  client.reset();
  server.reset();
  server = std::make_unique<Server>(std::move(options));
  client = std::make_unique<httplib::Client>(server->base_url());
  client->set_url_encode(false);  // paths in these tests are already encoded, some with '+' for spaces
  token = fetch_token();
}

std::string EmulatorTest::fetch_token() {
  const auto reply = post_form("/services/oauth2/token",
                               "grant_type=client_credentials&client_id=insights-local&client_secret=insights-local-secret");
  const auto document = reply.json();
  if (reply.status != 200 || !document.IsObject() || !document.HasMember("access_token")) {
    ADD_FAILURE() << "token request failed: " << reply.status << " " << reply.body;
    return {};
  }
  return document["access_token"].GetString();
}

Reply EmulatorTest::get(const std::string& path, bool authorized) {
  httplib::Headers headers;
  if (authorized) headers.emplace("Authorization", "Bearer " + token);
  return to_reply(client->Get(path, headers));
}

Reply EmulatorTest::post_json(const std::string& path, const std::string& body, bool authorized) {
  httplib::Headers headers;
  if (authorized) headers.emplace("Authorization", "Bearer " + token);
  return to_reply(client->Post(path, headers, body, "application/json"));
}

Reply EmulatorTest::patch_json(const std::string& path, const std::string& body) {
  return to_reply(client->Patch(path, {{"Authorization", "Bearer " + token}}, body, "application/json"));
}

Reply EmulatorTest::remove(const std::string& path) {
  return to_reply(client->Delete(path, {{"Authorization", "Bearer " + token}}));
}

Reply EmulatorTest::post_form(const std::string& path, const std::string& body) {
  return to_reply(client->Post(path, body, "application/x-www-form-urlencoded"));
}

std::string EmulatorTest::header_body(const std::string& alias, const std::string& operation,
                                      const std::string& metadata, const std::string& extra) {
  std::string body = fmt::format(R"({{"EdgemartAlias":"{}","Format":"Csv","Operation":"{}","Action":"None")", alias,
                                 operation);
  if (!metadata.empty()) body += fmt::format(R"(,"MetadataJson":"{}")", codec::base64_encode(metadata));
  if (!extra.empty()) body += "," + extra;
  return body + "}";
}

std::string EmulatorTest::create_header(const std::string& alias, const std::string& operation,
                                        const std::string& metadata, const std::string& extra) {
  const auto reply = post_json(fmt::format("{}/sobjects/InsightsExternalData", kApi),
                               header_body(alias, operation, metadata, extra));
  EXPECT_EQ(reply.status, 201) << reply.body;
  const auto document = reply.json();
  return document.IsObject() && document.HasMember("id") ? document["id"].GetString() : "";
}

Reply EmulatorTest::insert_part(const std::string& header_id, int number, const std::string& bytes) {
  return post_json(fmt::format("{}/sobjects/InsightsExternalDataPart", kApi),
                   fmt::format(R"({{"InsightsExternalDataId":"{}","PartNumber":{},"DataFile":"{}"}})", header_id,
                               number, codec::base64_encode(bytes)));
}

void EmulatorTest::add_part(const std::string& header_id, int number, const std::string& bytes) {
  const auto reply = insert_part(header_id, number, bytes);
  EXPECT_EQ(reply.status, 201) << reply.body;
}

void EmulatorTest::start_processing(const std::string& header_id) {
  const auto reply =
      patch_json(fmt::format("{}/sobjects/InsightsExternalData/{}", kApi, header_id), R"({"Action":"Process"})");
  EXPECT_EQ(reply.status, 204) << reply.body;
}

std::string EmulatorTest::header_field(const std::string& header_id, const std::string& field) {
  const auto reply = get(fmt::format("{}/sobjects/InsightsExternalData/{}?fields={}", kApi, header_id, field));
  const auto document = reply.json();
  if (reply.status != 200 || !document.IsObject() || !document.HasMember(field.c_str())) {
    ADD_FAILURE() << "reading " << field << " failed: " << reply.status << " " << reply.body;
    return {};
  }
  const auto& value = document[field.c_str()];
  return value.IsString() ? value.GetString() : "";
}

std::string EmulatorTest::wait_for_terminal(const std::string& header_id) {
  for (int poll = 0; poll < 2000; ++poll) {
    const auto status = header_field(header_id, "Status");
    if (is_terminal(status) || status.empty()) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "header " << header_id << " never reached a terminal status";
  return {};
}

std::string EmulatorTest::upload(const std::string& alias, const std::string& operation, const std::string& metadata,
                                 const std::string& data, std::string* header_id) {
  const auto id = create_header(alias, operation, metadata);
  add_part(id, 1, data);
  start_processing(id);
  if (header_id != nullptr) *header_id = id;
  return wait_for_terminal(id);
}

}  // namespace insights::emulator::testing
