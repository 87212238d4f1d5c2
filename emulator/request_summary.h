#pragma once
#include <string>
#include <string_view>

namespace insights::emulator {

// A request body as the request log keeps it, as JSON text:
// - a JSON body as sent, except that blob fields (DataFile, MetadataJson) holding base64 become
//   {"bytes": decoded size, "sha256": hex digest of the decoded bytes};
// - a form body as an object of its fields, client_secret masked and a JWT assertion shown as its decoded
//   header and claims (never its signature);
// - anything else as null.
std::string summarize_request_body(std::string_view body, std::string_view content_type);

}  // namespace insights::emulator
