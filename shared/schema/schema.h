#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace insights::schema {

enum class FieldType { Text, Numeric, Date };

struct FieldDef {
  std::string name;
  std::string label;
  FieldType type = FieldType::Text;
  int precision = 255;  // Text: max characters; Numeric: total digits
  int scale = 0;
  std::string default_value;
  bool unique_id = false;
  bool multi_value = false;
  bool required = false;
  std::string description;
};

struct DatasetDef {
  std::string name;
  std::string label;
  std::string topic;
  std::string default_operation;
  std::vector<FieldDef> fields;
  const FieldDef* unique_field() const;
};

struct Topics {
  std::string meetings, availability, batches, records_dlq, batches_dlq;
};

struct Schema {
  int version = 0;
  std::string kind_header;
  Topics topics;
  std::vector<DatasetDef> datasets;
  // Throws insights::Error naming the dataset and the known ones.
  const DatasetDef& dataset(std::string_view name) const;
  const DatasetDef* find_dataset(std::string_view name) const;
};

// The schema compiled into the binary from shared/schema/insights_schema.json.
const Schema& schema();
Schema parse_schema(std::string_view json);
std::string_view embedded_schema_json();

std::string_view to_string(FieldType type);

}  // namespace insights::schema
