#include "shared/salesforce/token_source_factory.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "shared/salesforce/jwt_bearer_token_source.h"
#include "shared/util/error.h"

namespace insights::salesforce {
namespace {

constexpr std::string_view kClientCredentials = "client_credentials";
constexpr std::string_view kJwt = "jwt";

bool is_http_url(std::string_view url) { return url.starts_with("https://") || url.starts_with("http://"); }

void require_url(std::vector<std::string>& problems, std::string_view key, const std::string& value) {
  if (value.empty()) {
    problems.push_back(fmt::format("{} is empty", key));
  } else if (!is_http_url(value)) {
    problems.push_back(fmt::format("{} = '{}' is not an http(s):// URL", key, value));
  }
}

void require(std::vector<std::string>& problems, std::string_view key, const std::string& value,
             std::string_view hint) {
  if (value.empty()) {
    problems.push_back(fmt::format("{} is empty ({})", key, hint));
  }
}

std::vector<std::string> problems_of(const AuthSettings& settings) {
  std::vector<std::string> problems;
  require_url(problems, "salesforce.login_url", settings.login_url);
  require(problems, "salesforce.client_id", settings.client_id, "the connected app's consumer key");
  if (settings.flow == kClientCredentials) {
    // Only whether it is set is reported: the value itself never appears anywhere.
    require(problems, "salesforce.client_secret", settings.client_secret,
            "set INSIGHTS_SALESFORCE_CLIENT_SECRET or INSIGHTS_SALESFORCE_CLIENT_SECRET_FILE");
  } else {
    require(problems, "salesforce.username", settings.username, "the Salesforce user the uploads run as");
    require_url(problems, "salesforce.jwt_audience", settings.audience);
    require(problems, "salesforce.jwt_key_file", settings.private_key_file,
            "the PEM file of the private key whose certificate the connected app holds");
  }
  return problems;
}

}  // namespace

std::unique_ptr<TokenSource> make_token_source(const AuthSettings& settings) {
  if (settings.flow != kClientCredentials && settings.flow != kJwt) {
    throw Error(fmt::format("salesforce.auth_flow = '{}' is not a supported OAuth flow; use {} or {}", settings.flow,
                            kClientCredentials, kJwt));
  }
  if (const auto problems = problems_of(settings); !problems.empty()) {
    throw Error(fmt::format("the Salesforce {} settings are incomplete: {}; set them in the config file, as "
                            "INSIGHTS_* environment variables or with --set",
                            settings.flow, fmt::join(problems, "; ")));
  }
  if (settings.flow == kClientCredentials) {
    return std::make_unique<ClientCredentialsTokenSource>(
        Credentials{settings.login_url, settings.client_id, settings.client_secret});
  }
  return std::make_unique<JwtBearerTokenSource>(JwtBearerSettings{
      settings.login_url, settings.client_id, settings.username, settings.audience, settings.private_key_file});
}

}  // namespace insights::salesforce
