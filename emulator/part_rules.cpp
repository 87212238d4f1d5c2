#include "emulator/part_rules.h"

#include <fmt/format.h>

#include "emulator/api_error.h"
#include "emulator/record_id.h"
#include "shared/codec/base64.h"

namespace insights::emulator {

namespace {
ApiError missing(std::string_view field) {
  return bad_request("REQUIRED_FIELD_MISSING", fmt::format("Required fields are missing: [{}]", field),
                     {std::string(field)});
}
}  // namespace

std::string checked_header_reference(const FieldValues& changes) {
  const auto text = text_of(changes, "InsightsExternalDataId");
  if (text.empty()) throw missing("InsightsExternalDataId");
  auto id = normalize_record_id(text);
  if (!id) {
    throw bad_request("MALFORMED_ID", fmt::format("InsightsExternalDataId: id value of incorrect type: {}", text),
                      {"InsightsExternalDataId"});
  }
  return *id;
}

std::int64_t checked_part_number(const FieldValue& value) {
  const auto* number = std::get_if<std::int64_t>(&value);
  if (number == nullptr) throw missing("PartNumber");
  if (*number < 1) {
    throw bad_request("FIELD_INTEGRITY_EXCEPTION", fmt::format("PartNumber {} is invalid; parts are numbered from 1", *number),
                      {"PartNumber"});
  }
  return *number;
}

std::shared_ptr<const std::string> checked_data_file(const FieldValue& value, std::size_t max_part_bytes) {
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr || text->empty()) throw missing("DataFile");
  auto decoded = codec::base64_decode(*text);
  if (!decoded) {
    throw bad_request("JSON_PARSER_ERROR", "DataFile is not valid base64; send the part's bytes base64-encoded",
                      {"DataFile"});
  }
  if (decoded->empty()) throw missing("DataFile");
  if (decoded->size() >= max_part_bytes) {
    throw bad_request("FIELD_INTEGRITY_EXCEPTION",
                      fmt::format("DataFile holds {} bytes; a part must be smaller than {} bytes: cut the compressed "
                                  "stream into smaller parts",
                                  decoded->size(), max_part_bytes),
                      {"DataFile"});
  }
  return std::make_shared<const std::string>(std::move(*decoded));
}

}  // namespace insights::emulator
