#pragma once
// A token endpoint for tests that checks JWT bearer assertions the way Salesforce does: signature against the
// app's public key, iss, sub, aud, and an exp a few minutes ahead at most.
#include <httplib.h>
#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "tests/unit/salesforce/jwt_test_support.h"

namespace insights::salesforce::testing {

struct JwtExpectations {
  EVP_PKEY* public_key = nullptr;
  std::string issuer;
  std::string subject;
  std::string audience;
};

class JwtTokenEndpoint {
 public:
  JwtTokenEndpoint(httplib::Server& server, JwtExpectations expected, std::string instance_url)
      : expected_(std::move(expected)), instance_url_(std::move(instance_url)) {
    server.Post("/services/oauth2/token", [this](const httplib::Request& request, httplib::Response& response) {
      handle(request, response);
    });
  }

  std::atomic<int> issued{0};
  std::atomic<int> refused{0};

  std::vector<std::string> assertions() const {
    const std::lock_guard lock(mutex_);
    return assertions_;
  }
  std::string last_refusal() const {
    const std::lock_guard lock(mutex_);
    return last_refusal_;
  }

 private:
  void handle(const httplib::Request& request, httplib::Response& response) {
    const std::string assertion = request.get_param_value("assertion");
    {
      const std::lock_guard lock(mutex_);
      assertions_.push_back(assertion);
    }
    if (request.get_param_value("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return refuse(response, "unsupported_grant_type", "grant type not supported");
    }
    const auto problem = check(assertion);
    if (!problem.empty()) {
      {
        const std::lock_guard lock(mutex_);
        last_refusal_ = problem;
      }
      return refuse(response, "invalid_grant", "invalid assertion");
    }
    const int number = ++issued;
    response.set_content(R"({"access_token":"jwt-token-)" + std::to_string(number) + R"(","instance_url":")" +
                             instance_url_ + R"(","token_type":"Bearer","scope":"api","issued_at":"1700000000000"})",
                         "application/json");
  }

  void refuse(httplib::Response& response, const std::string& code, const std::string& description) {
    ++refused;
    response.status = 400;
    response.set_content(R"({"error":")" + code + R"(","error_description":")" + description + R"("})",
                         "application/json");
  }

  std::string check(const std::string& assertion) const {
    const auto parts = split_jwt(assertion);
    if (!parts) return "not three base64url segments";
    if (parts->header_json != R"({"alg":"RS256"})") return "header " + parts->header_json;
    if (!rs256_signature_valid(expected_.public_key, *parts)) return "signature does not verify";
    rapidjson::Document claims;
    claims.Parse(parts->claims_json.c_str());
    if (claims.HasParseError() || !claims.IsObject()) return "claims are no JSON object";
    const auto text = [&claims](const char* name) {
      const auto found = claims.FindMember(name);
      return found != claims.MemberEnd() && found->value.IsString() ? std::string(found->value.GetString())
                                                                     : std::string("<missing>");
    };
    if (text("iss") != expected_.issuer) return "iss " + text("iss");
    if (text("sub") != expected_.subject) return "sub " + text("sub");
    if (text("aud") != expected_.audience) return "aud " + text("aud");
    const auto exp = claims.FindMember("exp");
    if (exp == claims.MemberEnd() || !exp->value.IsInt64()) return "exp missing";
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    if (exp->value.GetInt64() <= now || exp->value.GetInt64() > now + 300) return "exp out of range";
    return {};
  }

  JwtExpectations expected_;
  std::string instance_url_;
  mutable std::mutex mutex_;
  std::vector<std::string> assertions_;
  std::string last_refusal_;
};

}  // namespace insights::salesforce::testing
