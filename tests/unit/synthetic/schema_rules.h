#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace insights::synthetic::test {

// One dataset field as shared/schema/insights_schema.json declares it.
struct FieldRule {
  std::string name;
  std::string type;  // Text, Numeric or Date
  bool required = false;
  bool multi_value = false;
  int precision = 0;
  int scale = 0;
};

// Fields of a dataset from the schema file; fails the test (via exception) if the file or dataset is missing.
std::vector<FieldRule> dataset_fields(std::string_view dataset);

// The values listed in a field's description after its colon, e.g. availability's reasons.
std::vector<std::string> listed_values(std::string_view dataset, std::string_view field);

}  // namespace insights::synthetic::test
