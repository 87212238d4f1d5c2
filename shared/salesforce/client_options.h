#pragma once
#include <chrono>
#include <string>

#include "shared/salesforce/retry_policy.h"

namespace insights::salesforce {

// OAuth client-credentials flow (§3). The JWT bearer flow has its own settings (jwt_bearer_token_source.h).
struct Credentials {
  std::string login_url;  // e.g. https://acme.my.salesforce.com, or the emulator's base URL
  std::string client_id;
  std::string client_secret;
};

struct ClientOptions {
  std::string api_version = "v62.0";
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{300'000};
  RetryPolicy retry;
  // Status polling in wait_terminal: doubles from the first interval up to the longest.
  std::chrono::milliseconds poll_first{1'000};
  std::chrono::milliseconds poll_longest{30'000};
};

}  // namespace insights::salesforce
