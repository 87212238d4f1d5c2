#include "emulator/metadata_validator.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "emulator/api_error.h"
#include "emulator/date_format.h"
#include "emulator/name_rules.h"
#include "emulator/utf8.h"

namespace insights::emulator {

namespace {

using Json = rapidjson::Value;

constexpr std::size_t kMaxFields = 5000;
constexpr std::size_t kMaxDateFields = 1000;
constexpr int kMaxTextPrecision = 32000;
constexpr int kMaxNumericPrecision = 18;

[[noreturn]] void refuse(const std::string& where, const std::string& problem) {
  throw bad_request("FIELD_INTEGRITY_EXCEPTION",
                    fmt::format("MetadataJson: {}: {}; fix the metadata JSON (External Data format reference)", where,
                                problem),
                    {"MetadataJson"});
}

const Json* member(const Json& object, const char* key) {
  const auto found = object.FindMember(key);
  if (found == object.MemberEnd() || found->value.IsNull()) return nullptr;
  return &found->value;
}

void require_known_keys(const Json& object, const std::string& where, std::initializer_list<std::string_view> known) {
  for (const auto& entry : object.GetObject()) {
    const std::string_view key(entry.name.GetString(), entry.name.GetStringLength());
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      refuse(where, fmt::format("unknown key \"{}\"", key));
    }
  }
}

std::optional<std::string> optional_string(const Json& object, const char* key, const std::string& where) {
  const auto* value = member(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->IsString()) refuse(where, fmt::format("\"{}\" must be a string", key));
  return std::string(value->GetString(), value->GetStringLength());
}

std::string required_string(const Json& object, const char* key, const std::string& where) {
  auto value = optional_string(object, key, where);
  if (!value || value->empty()) refuse(where, fmt::format("\"{}\" is required", key));
  return *value;
}

std::optional<bool> optional_bool(const Json& object, const char* key, const std::string& where) {
  const auto* value = member(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->IsBool()) refuse(where, fmt::format("\"{}\" must be true or false", key));
  return value->GetBool();
}

std::optional<int> optional_int(const Json& object, const char* key, const std::string& where) {
  const auto* value = member(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->IsInt()) refuse(where, fmt::format("\"{}\" must be an integer", key));
  return value->GetInt();
}

void check_length(const std::string& value, std::size_t limit, const char* key, const std::string& where) {
  if (utf8_length(value) > limit) refuse(where, fmt::format("\"{}\" is longer than {} characters", key, limit));
}

char single_character(const Json& object, const char* key, char fallback, const std::string& where) {
  const auto value = optional_string(object, key, where);
  if (!value) return fallback;
  if (value->size() != 1) refuse(where, fmt::format("\"{}\" must be exactly one character", key));
  return value->front();
}

FileFormat parse_file_format(const Json& root) {
  FileFormat format;
  const auto* node = member(root, "fileFormat");
  if (node == nullptr) return format;
  const std::string where = "fileFormat";
  if (!node->IsObject()) refuse(where, "must be an object");
  require_known_keys(*node, where,
                     {"charsetName", "fieldsDelimitedBy", "fieldsEnclosedBy", "fieldsEscapedBy", "linesTerminatedBy",
                      "numberOfLinesToIgnore"});
  if (const auto charset = optional_string(*node, "charsetName", where); charset && !iequals(*charset, "UTF-8")) {
    refuse(where, fmt::format("charsetName \"{}\" is not supported; only UTF-8 is", *charset));
  }
  if (optional_string(*node, "fieldsEscapedBy", where)) {
    refuse(where, "fieldsEscapedBy is not supported here; quote values instead (RFC 4180)");
  }
  optional_string(*node, "linesTerminatedBy", where);
  format.delimiter = single_character(*node, "fieldsDelimitedBy", ',', where);
  format.enclosure = single_character(*node, "fieldsEnclosedBy", '"', where);
  if (format.delimiter == format.enclosure) refuse(where, "fieldsEnclosedBy must differ from fieldsDelimitedBy");
  if (format.delimiter == '\n' || format.delimiter == '\r' || format.enclosure == '\n' || format.enclosure == '\r') {
    refuse(where, "a line break cannot delimit or enclose fields");
  }
  const auto ignore = optional_int(*node, "numberOfLinesToIgnore", where);
  if (ignore && *ignore < 0) refuse(where, "numberOfLinesToIgnore must be 0 or more");
  format.lines_to_ignore = ignore.value_or(1);
  return format;
}

FieldType parse_type(const std::string& text, const std::string& where) {
  for (const auto type : {FieldType::Text, FieldType::Numeric, FieldType::Date}) {
    if (iequals(text, type_name(type))) return type;
  }
  refuse(where, fmt::format("type \"{}\" is not Text, Numeric or Date", text));
}

bool is_plain_number(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  const auto point = text.find('.');
  const auto whole = text.substr(0, point);
  const auto fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  const auto digits = [](std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(whole) && (point == std::string_view::npos || digits(fraction));
}

void parse_numeric_settings(const Json& node, FieldSpec& field, const std::string& where) {
  const auto precision = optional_int(node, "precision", where);
  const auto scale = optional_int(node, "scale", where);
  const auto default_value = optional_string(node, "defaultValue", where);
  if (!precision) refuse(where, "a Numeric field needs \"precision\" (1..18)");
  if (!scale) refuse(where, "a Numeric field needs \"scale\"");
  if (!default_value) refuse(where, "a Numeric field needs \"defaultValue\"");
  if (*precision < 1 || *precision > kMaxNumericPrecision) refuse(where, "precision must be between 1 and 18");
  if (*scale < 0 || *scale >= *precision) refuse(where, "scale must be 0 or more and less than precision");
  if (!is_plain_number(*default_value)) refuse(where, fmt::format("defaultValue \"{}\" is no plain number", *default_value));
  if (const auto format = optional_string(node, "format", where)) {
    const bool display_pattern = std::all_of(format->begin(), format->end(), [](char c) {
      return c == '0' || c == '#' || c == '.' || c == '-' || c == ',' || c == '$';
    });
    if (!display_pattern) refuse(where, fmt::format("Numeric format \"{}\" uses symbols other than 0 # . - , $", *format));
  }
  field.precision = *precision;
  field.scale = *scale;
  field.default_value = *default_value;
}

void parse_text_settings(const Json& node, FieldSpec& field, const std::string& where) {
  field.precision = optional_int(node, "precision", where).value_or(255);
  if (field.precision < 1 || field.precision > kMaxTextPrecision) {
    refuse(where, "a Text field's precision must be between 1 and 32000");
  }
  field.can_truncate = optional_bool(node, "canTruncateValue", where).value_or(true);
  field.is_multi_value = optional_bool(node, "isMultiValue", where).value_or(false);
  const auto separator = optional_string(node, "multiValueSeparator", where);
  if (field.is_multi_value && (!separator || separator->empty())) {
    refuse(where, "a multi-value field needs \"multiValueSeparator\"");
  }
}

void parse_date_settings(const Json& node, FieldSpec& field, const std::string& where) {
  const auto format = optional_string(node, "format", where);
  if (!format) refuse(where, "a Date field needs \"format\", e.g. yyyy-MM-dd'T'HH:mm:ss'Z'");
  if (!is_supported_date_format(*format)) refuse(where, fmt::format("date format \"{}\" is not a supported pattern", *format));
  const auto offset = optional_int(node, "fiscalMonthOffset", where);
  if (offset && (*offset < 0 || *offset > 11)) refuse(where, "fiscalMonthOffset must be between 0 and 11");
  const auto first_day = optional_int(node, "firstDayOfWeek", where);
  if (first_day && (*first_day < -1 || *first_day > 6)) refuse(where, "firstDayOfWeek must be between -1 and 6");
  field.format = *format;
}

FieldSpec parse_field(const Json& node, std::size_t index) {
  std::string where = fmt::format("objects[0].fields[{}]", index);
  if (!node.IsObject()) refuse(where, "must be an object");
  require_known_keys(node, where,
                     {"fullyQualifiedName", "name", "label", "description", "type", "isSystemField", "defaultValue",
                      "isUniqueId", "isMultiValue", "multiValueSeparator", "format", "precision", "scale",
                      "canTruncateValue", "decimalSeparator", "groupSeparator", "currencySymbol", "fiscalMonthOffset",
                      "isYearEndFiscalYear", "firstDayOfWeek", "isSkipped"});
  FieldSpec field;
  field.name = required_string(node, "name", where);
  where += fmt::format(" ({})", field.name);
  if (!is_valid_field_name(field.name)) refuse(where, "name breaks the naming rules (letters, digits, single '_')");
  check_length(field.name, 255, "name", where);
  check_length(required_string(node, "fullyQualifiedName", where), 999, "fullyQualifiedName", where);
  check_length(required_string(node, "label", where), 255, "label", where);
  check_length(optional_string(node, "description", where).value_or(""), 999, "description", where);
  for (const char* key : {"decimalSeparator", "groupSeparator", "currencySymbol"}) optional_string(node, key, where);
  for (const char* key : {"isSystemField", "isYearEndFiscalYear"}) optional_bool(node, key, where);
  field.type = parse_type(required_string(node, "type", where), where);
  field.is_unique_id = optional_bool(node, "isUniqueId", where).value_or(false);
  field.is_skipped = optional_bool(node, "isSkipped", where).value_or(false);
  if (field.type != FieldType::Text && optional_bool(node, "isMultiValue", where).value_or(false)) {
    refuse(where, "only Text fields can be multi-value");
  }
  switch (field.type) {
    case FieldType::Numeric:
      parse_numeric_settings(node, field, where);
      break;
    case FieldType::Date:
      parse_date_settings(node, field, where);
      break;
    case FieldType::Text:
      parse_text_settings(node, field, where);
      break;
  }
  if (field.is_unique_id && (field.type != FieldType::Text || field.is_multi_value)) {
    refuse(where, "a unique id must be a single-value Text field");
  }
  return field;
}

void check_field_set(const std::vector<FieldSpec>& fields) {
  const std::string where = "objects[0].fields";
  if (fields.empty()) refuse(where, "at least one field is required");
  if (fields.size() > kMaxFields) refuse(where, "more than 5,000 fields");
  const auto count = [&](auto predicate) { return std::count_if(fields.begin(), fields.end(), predicate); };
  if (count([](const FieldSpec& f) { return f.type == FieldType::Date; }) > static_cast<long>(kMaxDateFields)) {
    refuse(where, "more than 1,000 Date fields");
  }
  if (count([](const FieldSpec& f) { return f.type == FieldType::Text; }) == 0) {
    refuse(where, "at least one Text field (dimension) is required");
  }
  if (count([](const FieldSpec& f) { return f.is_unique_id; }) > 1) refuse(where, "more than one field has isUniqueId");
  std::set<std::string> seen;
  for (const auto& field : fields) {
    std::string lower = field.name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!seen.insert(lower).second) refuse(where, fmt::format("field name \"{}\" appears twice", field.name));
  }
}

UploadSchema parse_object(const Json& root, FileFormat format) {
  const auto* objects = member(root, "objects");
  if (objects == nullptr || !objects->IsArray() || objects->Size() != 1) {
    refuse("objects", "must be an array holding exactly one object");
  }
  const auto& object = (*objects)[0];
  const std::string where = "objects[0]";
  if (!object.IsObject()) refuse(where, "must be an object");
  require_known_keys(object, where,
                     {"connector", "fullyQualifiedName", "name", "label", "description", "rowLevelSecurityFilter",
                      "fields"});
  UploadSchema schema;
  schema.file_format = format;
  schema.object_name = required_string(object, "name", where);
  if (!is_valid_api_name(schema.object_name)) refuse(where, "name breaks the naming rules (letters, digits, single '_')");
  check_length(schema.object_name, 255, "name", where);
  required_string(object, "connector", where);
  check_length(required_string(object, "fullyQualifiedName", where), 999, "fullyQualifiedName", where);
  check_length(required_string(object, "label", where), 40, "label", where);
  check_length(optional_string(object, "description", where).value_or(""), 999, "description", where);
  optional_string(object, "rowLevelSecurityFilter", where);
  const auto* fields = member(object, "fields");
  if (fields == nullptr || !fields->IsArray()) refuse(where, "\"fields\" must be an array");
  for (rapidjson::SizeType i = 0; i < fields->Size(); ++i) schema.fields.push_back(parse_field((*fields)[i], i));
  check_field_set(schema.fields);
  return schema;
}

}  // namespace

UploadSchema parse_metadata_json(std::string_view bytes) {
  if (const auto bad = first_invalid_utf8(bytes)) refuse("document", fmt::format("not UTF-8 at byte {}", *bad));
  rapidjson::Document document;
  document.Parse(bytes.data(), bytes.size());
  if (document.HasParseError()) {
    refuse("document", fmt::format("not valid JSON ({} at offset {})", rapidjson::GetParseError_En(document.GetParseError()),
                                   document.GetErrorOffset()));
  }
  if (!document.IsObject()) refuse("document", "must be one JSON object");
  require_known_keys(document, "document", {"fileFormat", "objects"});
  return parse_object(document, parse_file_format(document));
}

}  // namespace insights::emulator
