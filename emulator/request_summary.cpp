#include "emulator/request_summary.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "emulator/base64url.h"
#include "emulator/form_decoder.h"
#include "emulator/name_rules.h"
#include "shared/codec/base64.h"
#include "shared/codec/sha256.h"

namespace insights::emulator {

namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value text_value(std::string_view text, Allocator& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

bool is_blob_field(std::string_view name) { return iequals(name, "DataFile") || iequals(name, "MetadataJson"); }

rapidjson::Value blob_summary(const std::string& bytes, Allocator& allocator) {
  rapidjson::Value summary(rapidjson::kObjectType);
  summary.AddMember("bytes", static_cast<std::uint64_t>(bytes.size()), allocator);
  summary.AddMember("sha256", text_value(codec::sha256_hex(bytes), allocator), allocator);
  return summary;
}

std::string to_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string json_body(std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError()) return "null";
  if (document.IsObject()) {
    for (auto& member : document.GetObject()) {
      if (!member.value.IsString() || !is_blob_field(member.name.GetString())) continue;
      const auto bytes = codec::base64_decode({member.value.GetString(), member.value.GetStringLength()});
      if (bytes) member.value = blob_summary(*bytes, document.GetAllocator());
    }
  }
  return to_text(document);
}

// The JWT's header and claims; its signature is the credential and stays out of the log.
rapidjson::Value assertion_summary(std::string_view assertion, Allocator& allocator) {
  rapidjson::Value summary(rapidjson::kObjectType);
  const auto first_dot = assertion.find('.');
  const auto second_dot = assertion.find('.', first_dot == std::string_view::npos ? first_dot : first_dot + 1);
  if (second_dot == std::string_view::npos) return summary;
  const auto add = [&](const char* name, std::string_view part) {
    const auto decoded = base64url_decode(part);
    rapidjson::Document parsed(&allocator);
    if (decoded) parsed.Parse(decoded->c_str());
    if (decoded && !parsed.HasParseError()) summary.AddMember(rapidjson::StringRef(name), rapidjson::Value(parsed, allocator), allocator);
  };
  add("header", assertion.substr(0, first_dot));
  add("claims", assertion.substr(first_dot + 1, second_dot - first_dot - 1));
  return summary;
}

std::string form_body(std::string_view body) {
  const auto form = decode_form(body);
  if (!form) return "null";
  rapidjson::Document document(rapidjson::kObjectType);
  auto& allocator = document.GetAllocator();
  for (const auto& [name, value] : *form) {
    rapidjson::Value shown;
    if (name == "client_secret") {
      shown = text_value("***", allocator);
    } else if (name == "assertion") {
      shown = assertion_summary(value, allocator);
    } else {
      shown = text_value(value, allocator);
    }
    document.AddMember(text_value(name, allocator), shown, allocator);
  }
  return to_text(document);
}

}  // namespace

std::string summarize_request_body(std::string_view body, std::string_view content_type) {
  if (body.empty()) return "null";
  if (content_type.starts_with("application/x-www-form-urlencoded")) return form_body(body);
  return json_body(body);
}

}  // namespace insights::emulator
