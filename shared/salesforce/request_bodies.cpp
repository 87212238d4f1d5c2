#include "shared/salesforce/request_bodies.h"

#include <algorithm>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "shared/codec/base64.h"
#include "shared/http/url_encode.h"

namespace insights::salesforce {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_field(JsonWriter& writer, const char* name, std::string_view value) {
  writer.Key(name);
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_optional_field(JsonWriter& writer, const char* name, std::string_view value) {
  if (!value.empty()) {
    write_field(writer, name, value);
  }
}

}  // namespace

std::string header_insert_body(const HeaderFields& fields) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_field(writer, "EdgemartAlias", fields.alias);
  write_optional_field(writer, "EdgemartLabel", fields.label);
  write_optional_field(writer, "EdgemartContainer", fields.container);
  write_optional_field(writer, "FileName", fields.file_name);
  write_field(writer, "Format", "Csv");
  write_field(writer, "Operation", fields.operation);
  write_field(writer, "Action", "None");
  write_optional_field(writer, "NotificationSent", fields.notification_sent);
  if (!fields.metadata_json.empty()) {
    write_field(writer, "MetadataJson", codec::base64_encode(fields.metadata_json));
  }
  writer.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string part_insert_body(std::string_view header_id, int part_number, std::string_view bytes) {
  // The part is most of the body: its base64 (which never needs JSON escaping) is written straight into the body,
  // instead of into a string the JSON writer then copies byte by byte and the buffer copies again.
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_field(writer, "InsightsExternalDataId", header_id);
  writer.Key("PartNumber");
  writer.Int(part_number);
  const std::string_view head(buffer.GetString(), buffer.GetSize());  // the object, still open
  constexpr std::string_view kDataFile = R"(,"DataFile":")";
  std::string body;
  body.resize(head.size() + kDataFile.size() + codec::base64_size(bytes.size()) + 2);
  char* at = std::copy(head.begin(), head.end(), body.data());
  at = std::copy(kDataFile.begin(), kDataFile.end(), at);
  at = codec::base64_encode_to(at, bytes);
  *at++ = '"';
  *at++ = '}';
  return body;
}

std::string process_action_body() {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_field(writer, "Action", "Process");
  writer.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string client_credentials_form(const Credentials& credentials) {
  return "grant_type=client_credentials&client_id=" + http::url_encode(credentials.client_id) +
         "&client_secret=" + http::url_encode(credentials.client_secret);
}

}  // namespace insights::salesforce
