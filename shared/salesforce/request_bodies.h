#pragma once
#include <string>
#include <string_view>

#include "shared/salesforce/client_options.h"
#include "shared/salesforce/records.h"

namespace insights::salesforce {

// JSON for POST /sobjects/InsightsExternalData: Format=Csv, Action=None, MetadataJson base64-encoded here.
std::string header_insert_body(const HeaderFields& fields);

// JSON for POST /sobjects/InsightsExternalDataPart with the part's bytes base64-encoded here.
std::string part_insert_body(std::string_view header_id, int part_number, std::string_view bytes);

// JSON for PATCH /sobjects/InsightsExternalData/{id} that starts processing.
std::string process_action_body();

// application/x-www-form-urlencoded body of the client-credentials token request.
std::string client_credentials_form(const Credentials& credentials);

}  // namespace insights::salesforce
