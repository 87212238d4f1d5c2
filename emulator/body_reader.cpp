#include "emulator/body_reader.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "emulator/api_error.h"

namespace insights::emulator {

namespace {

std::string_view json_type(const rapidjson::Value& value) {
  if (value.IsString()) return "VALUE_STRING";
  if (value.IsBool()) return value.GetBool() ? "VALUE_TRUE" : "VALUE_FALSE";
  if (value.IsInt64()) return "VALUE_NUMBER_INT";
  if (value.IsNumber()) return "VALUE_NUMBER_FLOAT";
  if (value.IsArray()) return "START_ARRAY";
  if (value.IsObject()) return "START_OBJECT";
  return "VALUE_NULL";
}

std::string_view kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::Int:
      return "int";
    case FieldKind::Bool:
      return "boolean";
    case FieldKind::Blob:
      return "base64";
    case FieldKind::DateTime:
      return "datetime";
    case FieldKind::Id:
    case FieldKind::Reference:
      return "id";
    case FieldKind::String:
    case FieldKind::Picklist:
      break;
  }
  return "string";
}

FieldValue convert(const FieldDef& field, const rapidjson::Value& value) {
  const bool text_kind = field.kind != FieldKind::Int && field.kind != FieldKind::Bool;
  if (value.IsNull() && field.kind != FieldKind::Bool) return std::monostate{};
  if (text_kind && value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (field.kind == FieldKind::Int && value.IsInt64()) return value.GetInt64();
  if (field.kind == FieldKind::Bool && value.IsBool()) return value.GetBool();
  throw bad_request("JSON_PARSER_ERROR",
                    fmt::format("Cannot deserialize instance of {} from {} value for field {}; send a JSON {}",
                                kind_name(field.kind), json_type(value), field.name, kind_name(field.kind)),
                    {std::string(field.name)});
}

}  // namespace

FieldValues read_sobject_body(const ObjectDef& object, const std::string& body, BodyPurpose purpose) {
  // Parsed as a NUL-terminated string, which RapidJSON scans 16 bytes at a time (a part's base64 is most of a body);
  // a NUL inside would end that string early, so it is refused first.
  if (const auto nul = body.find('\0'); nul != std::string::npos) {
    throw bad_request("JSON_PARSER_ERROR",
                      fmt::format("The request body is not valid JSON: a NUL byte at offset {}", nul));
  }
  rapidjson::Document document;
  document.Parse(body.c_str());
  if (document.HasParseError()) {
    throw bad_request("JSON_PARSER_ERROR",
                      fmt::format("The request body is not valid JSON: {} at offset {}",
                                  rapidjson::GetParseError_En(document.GetParseError()), document.GetErrorOffset()));
  }
  if (!document.IsObject()) {
    throw bad_request("JSON_PARSER_ERROR",
                      fmt::format("Cannot deserialize instance of {} from {} value; send one JSON object", object.name,
                                  json_type(document)));
  }
  FieldValues values;
  for (const auto& member : document.GetObject()) {
    const std::string name(member.name.GetString(), member.name.GetStringLength());
    const FieldDef* field = object.find(name);
    if (field == nullptr) {
      throw bad_request("INVALID_FIELD", fmt::format("No such column '{}' on sobject of type {}", name, object.name),
                        {name});
    }
    if (field->kind == FieldKind::Id) {
      throw bad_request("INVALID_FIELD", "The Id field should not be specified in the sobject data.", {"Id"});
    }
    if (field->access == FieldAccess::ReadOnly) {
      throw bad_request("INVALID_FIELD_FOR_INSERT_UPDATE",
                        fmt::format("Unable to {} fields: {}; the server sets them", purpose == BodyPurpose::Create ? "create" : "update",
                                    field->name),
                        {std::string(field->name)});
    }
    auto value = convert(*field, member.value);
    if (field->access == FieldAccess::System) continue;
    if (!values.emplace(std::string(field->name), std::move(value)).second) {
      throw bad_request("JSON_PARSER_ERROR", fmt::format("Field {} appears more than once in the body", field->name),
                        {std::string(field->name)});
    }
  }
  return values;
}

}  // namespace insights::emulator
