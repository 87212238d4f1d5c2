#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

namespace insights::availability {

// A value of a parsed JSON document together with its location (e.g. `organisations[1].locations[0].time_zone`),
// so that every problem is reported with the file and the place in it. Accessors throw insights::Error.
class JsonNode {
 public:
  JsonNode(const rapidjson::Value& value, std::string path, std::string_view source);

  const std::string& path() const { return path_; }
  const rapidjson::Value& value() const { return *value_; }
  [[noreturn]] void fail(std::string_view problem) const;

  // Requires an object whose members are all among `known`.
  void expect_object(std::initializer_list<std::string_view> known) const;
  JsonNode member(std::string_view name) const;  // required
  std::optional<JsonNode> find(std::string_view name) const;
  std::vector<JsonNode> elements() const;  // requires an array

  std::string string() const;  // non-empty
  bool boolean() const;
  std::uint32_t unsigned_integer(std::uint32_t min, std::uint32_t max) const;

 private:
  const rapidjson::Value* value_;
  std::string path_;
  std::string_view source_;
};

// Where a parse error at `offset` is, as "line L, column C".
std::string text_position(std::string_view text, std::size_t offset);

}  // namespace insights::availability
