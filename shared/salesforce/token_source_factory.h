#pragma once
#include <memory>
#include <string>

#include "shared/salesforce/access_token.h"

namespace insights::salesforce {

// The salesforce.* authentication settings, as the configuration holds them.
struct AuthSettings {
  std::string flow;  // "client_credentials" | "jwt"
  std::string login_url, client_id, client_secret, username, audience, private_key_file;
};

// Validates the settings of the chosen flow and builds its token source. Throws insights::Error naming every
// missing or invalid setting by its configuration key; for "jwt" the key file is read here, so it fails at start-up.
std::unique_ptr<TokenSource> make_token_source(const AuthSettings& settings);

}  // namespace insights::salesforce
