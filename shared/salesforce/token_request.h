#pragma once
#include <string>
#include <string_view>

#include "shared/http/http_client.h"
#include "shared/salesforce/access_token.h"

namespace insights::salesforce {

// POSTs a token request form to {login_url}/services/oauth2/token (§3), shared by every OAuth flow.
// `form` holds secrets and never reaches a log line or an error message. `refusal_advice` says what to check when
// the endpoint refuses the request for good, in the words of the flow's settings.
// Throws TransportError or a transient ApiError when worth retrying, a permanent ApiError otherwise.
AccessToken request_token(http::HttpClient& http, std::string_view login_url, const std::string& form,
                          std::string_view refusal_advice);

// Login and instance URLs are joined with absolute paths, so a configured trailing slash would double it.
std::string without_trailing_slash(std::string url);

}  // namespace insights::salesforce
