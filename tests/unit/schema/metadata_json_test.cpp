#include "shared/schema/metadata_json.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <regex>

namespace insights::schema {
namespace {

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  EXPECT_FALSE(doc.HasParseError());
  return doc;
}

TEST(MetadataJson, FollowsTheExternalDataFormat) {
  for (const auto& dataset : schema().datasets) {
    auto doc = parse(metadata_json(dataset, dataset.default_operation));
    EXPECT_EQ(doc["fileFormat"]["numberOfLinesToIgnore"].GetInt(), 1);
    ASSERT_EQ(doc["objects"].Size(), 1u);
    const auto& object = doc["objects"][0];
    EXPECT_LE(std::string(object["label"].GetString()).size(), 40u);
    const auto& fields = object["fields"];
    ASSERT_EQ(fields.Size(), dataset.fields.size());
    const std::regex name_rule("^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$");
    int unique = 0;
    for (rapidjson::SizeType i = 0; i < fields.Size(); ++i) {
      const std::string name = fields[i]["name"].GetString();
      EXPECT_EQ(name, dataset.fields[i].name);
      EXPECT_TRUE(std::regex_match(name, name_rule) && name.back() != '_') << name;
      EXPECT_LE(name.size(), 40u);
      const std::string type = fields[i]["type"].GetString();
      if (type == "Numeric") {
        EXPECT_TRUE(fields[i].HasMember("precision") && fields[i].HasMember("scale") && fields[i].HasMember("defaultValue")) << name;
        EXPECT_LT(fields[i]["scale"].GetInt(), fields[i]["precision"].GetInt());
      }
      if (type == "Date") {
        EXPECT_STREQ(fields[i]["format"].GetString(), "yyyy-MM-dd'T'HH:mm:ss'Z'");
      }
      if (fields[i].HasMember("isUniqueId")) {
        ++unique;
        EXPECT_EQ(type, "Text");
      }
    }
    EXPECT_EQ(unique, dataset.unique_field() ? 1 : 0) << dataset.name;
  }
}

TEST(MetadataJson, AppendCarriesNoUniqueId) {
  const auto json = metadata_json(schema().dataset("meetings"), "Append");
  EXPECT_EQ(json.find("isUniqueId"), std::string::npos);
  EXPECT_NE(metadata_json(schema().dataset("meetings"), "Upsert").find("isUniqueId"), std::string::npos);
}

}  // namespace
}  // namespace insights::schema
