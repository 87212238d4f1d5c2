#include "shared/schema/metadata_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace insights::schema {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_field(JsonWriter& w, const DatasetDef& dataset, const FieldDef& field, bool with_unique_id) {
  w.StartObject();
  write_string(w, "fullyQualifiedName", dataset.name + "." + field.name);
  write_string(w, "name", field.name);
  write_string(w, "label", field.label);
  write_string(w, "type", to_string(field.type));
  if (!field.description.empty()) write_string(w, "description", field.description);
  switch (field.type) {
    case FieldType::Text:
      w.Key("precision");
      w.Int(field.precision);
      if (field.unique_id && with_unique_id) {
        w.Key("isUniqueId");
        w.Bool(true);
      }
      if (field.multi_value) {
        w.Key("isMultiValue");
        w.Bool(true);
        write_string(w, "multiValueSeparator", ";");
      }
      break;
    case FieldType::Numeric:
      w.Key("precision");
      w.Int(field.precision);
      w.Key("scale");
      w.Int(field.scale);
      write_string(w, "defaultValue", field.default_value.empty() ? "0" : field.default_value);
      break;
    case FieldType::Date:
      write_string(w, "format", kDateFormat);
      break;
  }
  w.EndObject();
}

}  // namespace

std::string metadata_json(const DatasetDef& dataset, std::string_view operation) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("fileFormat");
  w.StartObject();
  write_string(w, "charsetName", "UTF-8");
  write_string(w, "fieldsDelimitedBy", ",");
  write_string(w, "fieldsEnclosedBy", "\"");
  w.Key("numberOfLinesToIgnore");
  w.Int(1);
  w.EndObject();
  w.Key("objects");
  w.StartArray();
  w.StartObject();
  write_string(w, "connector", "InsightsPipeline");
  write_string(w, "fullyQualifiedName", dataset.name);
  write_string(w, "name", dataset.name);
  write_string(w, "label", dataset.label.substr(0, 40));
  w.Key("fields");
  w.StartArray();
  const bool with_unique_id = operation != "Append";
  for (const auto& field : dataset.fields) write_field(w, dataset, field, with_unique_id);
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace insights::schema
