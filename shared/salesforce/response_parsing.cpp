#include "shared/salesforce/response_parsing.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <cmath>

#include "shared/util/error.h"

namespace insights::salesforce {
namespace {

[[noreturn]] void unexpected(std::string_view what, std::string_view problem) {
  throw Error(fmt::format("{}: unexpected response from Salesforce ({}); check that the instance URL and API version "
                          "point at a CRM Analytics org",
                          what, problem));
}

rapidjson::Document parse_object(std::string_view what, std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) {
    unexpected(what, "body is not a JSON object");
  }
  return document;
}

std::string optional_string(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  return found != object.MemberEnd() && found->value.IsString() ? found->value.GetString() : std::string{};
}

std::string required_string(std::string_view what, const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsString()) {
    unexpected(what, fmt::format("no string \"{}\"", name));
  }
  return found->value.GetString();
}

// Numbers may arrive as 3 or 3.0 depending on the field's declared scale.
std::optional<std::uint64_t> whole_number(const rapidjson::Value& value) {
  if (value.IsUint64()) {
    return value.GetUint64();
  }
  if (value.IsDouble()) {
    const double number = value.GetDouble();
    if (number >= 0 && std::floor(number) == number && number < 1.8e19) {
      return static_cast<std::uint64_t>(number);
    }
  }
  return std::nullopt;
}

HeaderState header_state_from(std::string_view what, const rapidjson::Value& object, std::string_view id) {
  HeaderState state;
  state.id = id.empty() ? required_string(what, object, "Id") : std::string(id);
  state.status = required_string(what, object, "Status");
  state.status_message = optional_string(object, "StatusMessage");
  state.action = optional_string(object, "Action");
  return state;
}

PartInfo part_from(std::string_view what, const rapidjson::Value& object) {
  PartInfo part;
  part.id = required_string(what, object, "Id");
  const auto number = object.FindMember("PartNumber");
  const auto value = number != object.MemberEnd() ? whole_number(number->value) : std::nullopt;
  if (!value || *value > 1'000'000'000) {
    unexpected(what, "part record without a valid PartNumber");
  }
  part.part_number = static_cast<int>(*value);
  return part;
}

template <typename Record, typename Convert>
QueryPage<Record> parse_query(std::string_view what, std::string_view body, Convert convert) {
  const auto document = parse_object(what, body);
  const auto records = document.FindMember("records");
  if (records == document.MemberEnd() || !records->value.IsArray()) {
    unexpected(what, "query result without a records array");
  }
  QueryPage<Record> page;
  for (const auto& record : records->value.GetArray()) {
    if (!record.IsObject()) {
      unexpected(what, "query record is not an object");
    }
    page.records.push_back(convert(record));
  }
  const auto done = document.FindMember("done");
  if (done != document.MemberEnd() && done->value.IsBool() && !done->value.GetBool()) {
    page.next_records_url = required_string(what, document, "nextRecordsUrl");
  }
  return page;
}

}  // namespace

std::string parse_created_id(std::string_view what, std::string_view body) {
  const auto document = parse_object(what, body);
  const auto success = document.FindMember("success");
  if (success != document.MemberEnd() && success->value.IsBool() && !success->value.GetBool()) {
    unexpected(what, "insert reported success=false");
  }
  return required_string(what, document, "id");
}

HeaderState parse_header_state(std::string_view what, std::string_view body, std::string_view id) {
  return header_state_from(what, parse_object(what, body), id);
}

QueryPage<HeaderState> parse_header_query(std::string_view what, std::string_view body) {
  return parse_query<HeaderState>(what, body,
                                  [what](const rapidjson::Value& record) { return header_state_from(what, record, {}); });
}

QueryPage<PartInfo> parse_part_query(std::string_view what, std::string_view body) {
  return parse_query<PartInfo>(what, body, [what](const rapidjson::Value& record) { return part_from(what, record); });
}

std::optional<DatasetVersion> parse_dataset_current_version(std::string_view what, std::string_view body) {
  const auto document = parse_object(what, body);
  const std::string version = optional_string(document, "currentVersionId");
  if (version.empty()) {
    return std::nullopt;
  }
  return DatasetVersion{required_string(what, document, "id"), version};
}

std::uint64_t parse_total_row_count(std::string_view what, std::string_view body) {
  const auto document = parse_object(what, body);
  for (const char* name : {"totalRowCount", "totalRows"}) {
    if (const auto found = document.FindMember(name); found != document.MemberEnd()) {
      if (const auto count = whole_number(found->value)) {
        return *count;
      }
    }
  }
  unexpected(what, "dataset version without totalRowCount");
}

}  // namespace insights::salesforce
