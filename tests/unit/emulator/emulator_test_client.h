#pragma once
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include "emulator/emulator_server.h"

namespace insights::emulator::testing {

inline constexpr const char* kApi = "/services/data/v62.0";

struct Reply {
  int status = 0;
  std::string body;
  std::string limit_info;  // Sforce-Limit-Info

  rapidjson::Document json() const;
  // errorCode of the first entry of a §2.1 error body, or "" when the body is none.
  std::string error_code() const;
  std::string error_message() const;
  std::string error_field() const;
};

// A running emulator and a real HTTP client holding a token, for endpoint tests.
class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  static Options test_options();
  void restart(Options options);

  Reply get(const std::string& path, bool authorized = true);
  Reply post_json(const std::string& path, const std::string& body, bool authorized = true);
  Reply patch_json(const std::string& path, const std::string& body);
  Reply remove(const std::string& path);
  Reply post_form(const std::string& path, const std::string& body);
  std::string fetch_token();

  // A header body with the given JSON members added to EdgemartAlias/Format/Operation/Action.
  static std::string header_body(const std::string& alias, const std::string& operation, const std::string& metadata,
                                 const std::string& extra = "");
  std::string create_header(const std::string& alias, const std::string& operation, const std::string& metadata,
                            const std::string& extra = "");
  Reply insert_part(const std::string& header_id, int number, const std::string& bytes);
  void add_part(const std::string& header_id, int number, const std::string& bytes);
  void start_processing(const std::string& header_id);
  // Polls the header until its Status is terminal (bounded number of polls) and returns Status.
  std::string wait_for_terminal(const std::string& header_id);
  std::string header_field(const std::string& header_id, const std::string& field);
  // Runs one whole upload; returns the final Status.
  std::string upload(const std::string& alias, const std::string& operation, const std::string& metadata,
                     const std::string& data, std::string* header_id = nullptr);

  std::unique_ptr<Server> server;
  std::unique_ptr<httplib::Client> client;
  std::string token;
};

}  // namespace insights::emulator::testing
