#include "tests/unit/synthetic/schema_rules.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <rapidjson/document.h>

namespace insights::synthetic::test {

namespace {

rapidjson::Document load_schema() {
  std::ifstream file(INSIGHTS_SCHEMA_FILE);
  if (!file) {
    throw std::runtime_error("cannot open schema file " INSIGHTS_SCHEMA_FILE);
  }
  std::stringstream text;
  text << file.rdbuf();
  rapidjson::Document schema;
  schema.Parse(text.str().c_str());
  if (schema.HasParseError()) {
    throw std::runtime_error("schema file " INSIGHTS_SCHEMA_FILE " is not valid JSON");
  }
  return schema;
}

const rapidjson::Value& dataset_node(const rapidjson::Document& schema, std::string_view dataset) {
  for (const auto& node : schema["datasets"].GetArray()) {
    if (dataset == node["name"].GetString()) {
      return node;
    }
  }
  throw std::runtime_error("schema has no dataset " + std::string(dataset));
}

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(' ');
  const auto last = text.find_last_not_of(' ');
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

}  // namespace

std::vector<FieldRule> dataset_fields(std::string_view dataset) {
  const auto schema = load_schema();
  std::vector<FieldRule> rules;
  for (const auto& field : dataset_node(schema, dataset)["fields"].GetArray()) {
    FieldRule rule;
    rule.name = field["name"].GetString();
    rule.type = field["type"].GetString();
    rule.required = field.HasMember("required") && field["required"].GetBool();
    rule.multi_value = field.HasMember("multi_value") && field["multi_value"].GetBool();
    rule.precision = field.HasMember("precision") ? field["precision"].GetInt() : 0;
    rule.scale = field.HasMember("scale") ? field["scale"].GetInt() : 0;
    rules.push_back(rule);
  }
  return rules;
}

std::vector<std::string> listed_values(std::string_view dataset, std::string_view field) {
  const auto schema = load_schema();
  for (const auto& node : dataset_node(schema, dataset)["fields"].GetArray()) {
    if (field != node["name"].GetString()) {
      continue;
    }
    const std::string description = node["description"].GetString();
    std::stringstream list(description.substr(description.find(':') + 1));
    std::vector<std::string> values;
    for (std::string value; std::getline(list, value, ',');) {
      values.push_back(trim(value));
    }
    return values;
  }
  throw std::runtime_error("schema dataset " + std::string(dataset) + " has no field " + std::string(field));
}

}  // namespace insights::synthetic::test
