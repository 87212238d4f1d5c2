#include "shared/schema/schema.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "shared/util/error.h"

namespace insights::schema {
namespace {

std::string string_member(const rapidjson::Value& object, const char* name, std::string_view fallback = {}) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return std::string(fallback);
  if (!it->value.IsString()) throw Error(fmt::format("schema: member '{}' must be a string", name));
  return it->value.GetString();
}

bool bool_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

int int_member(const rapidjson::Value& object, const char* name, int fallback) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return fallback;
  if (!it->value.IsInt()) throw Error(fmt::format("schema: member '{}' must be an integer", name));
  return it->value.GetInt();
}

FieldType parse_type(const std::string& type, const std::string& field) {
  if (type == "Text") return FieldType::Text;
  if (type == "Numeric") return FieldType::Numeric;
  if (type == "Date") return FieldType::Date;
  throw Error(fmt::format("schema: field '{}' has unknown type '{}' (Text, Numeric or Date)", field, type));
}

FieldDef parse_field(const rapidjson::Value& value) {
  FieldDef field;
  field.name = string_member(value, "name");
  field.label = string_member(value, "label", field.name);
  field.type = parse_type(string_member(value, "type"), field.name);
  field.precision = int_member(value, "precision", field.type == FieldType::Text ? 255 : 18);
  field.scale = int_member(value, "scale", 0);
  field.default_value = string_member(value, "default");
  field.unique_id = bool_member(value, "unique_id");
  field.multi_value = bool_member(value, "multi_value");
  field.required = bool_member(value, "required");
  field.description = string_member(value, "description");
  return field;
}

}  // namespace

const FieldDef* DatasetDef::unique_field() const {
  for (const auto& field : fields) {
    if (field.unique_id) return &field;
  }
  return nullptr;
}

const DatasetDef* Schema::find_dataset(std::string_view name) const {
  for (const auto& dataset : datasets) {
    if (dataset.name == name) return &dataset;
  }
  return nullptr;
}

const DatasetDef& Schema::dataset(std::string_view name) const {
  if (const auto* found = find_dataset(name)) return *found;
  std::string known;
  for (const auto& dataset : datasets) known += (known.empty() ? "" : ", ") + dataset.name;
  throw Error(fmt::format("unknown dataset '{}' (known: {})", name, known));
}

Schema parse_schema(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) throw Error("schema: the schema file is not a JSON object");
  Schema schema;
  schema.version = int_member(doc, "schema_version", 0);
  schema.kind_header = string_member(doc, "kind_header");
  const auto& topics = doc["topics"];
  schema.topics = {string_member(topics, "meetings"), string_member(topics, "availability"),
                   string_member(topics, "batches"), string_member(topics, "records_dlq"),
                   string_member(topics, "batches_dlq")};
  for (const auto& value : doc["datasets"].GetArray()) {
    DatasetDef dataset;
    dataset.name = string_member(value, "name");
    dataset.label = string_member(value, "label");
    dataset.default_operation = string_member(value, "default_operation");
    dataset.topic = string_member(topics, dataset.name.c_str());
    for (const auto& field : value["fields"].GetArray()) dataset.fields.push_back(parse_field(field));
    schema.datasets.push_back(std::move(dataset));
  }
  return schema;
}

const Schema& schema() {
  static const Schema parsed = parse_schema(embedded_schema_json());
  return parsed;
}

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::Text: return "Text";
    case FieldType::Numeric: return "Numeric";
    case FieldType::Date: return "Date";
  }
  return "Text";
}

}  // namespace insights::schema
