#include "producers/availability/json_node.h"

#include <algorithm>

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::availability {

namespace {

std::string_view type_name(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return "a number";
  }
  return "a value";
}

}  // namespace

JsonNode::JsonNode(const rapidjson::Value& value, std::string path, std::string_view source)
    : value_(&value), path_(std::move(path)), source_(source) {}

void JsonNode::fail(std::string_view problem) const {
  throw Error(fmt::format("broken snapshot '{}' at {}: {}; fix the snapshot and run again", source_,
                          path_.empty() ? "the top level" : path_, problem));
}

void JsonNode::expect_object(std::initializer_list<std::string_view> known) const {
  if (!value_->IsObject()) fail(fmt::format("expected an object, found {}", type_name(*value_)));
  for (const auto& m : value_->GetObject()) {
    const std::string_view name(m.name.GetString(), m.name.GetStringLength());
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      fail(fmt::format("unknown member '{}' (known: {})", name, fmt::join(known, ", ")));
    }
  }
}

std::optional<JsonNode> JsonNode::find(std::string_view name) const {
  if (!value_->IsObject()) fail(fmt::format("expected an object, found {}", type_name(*value_)));
  const auto it = value_->FindMember(rapidjson::StringRef(name.data(), name.size()));
  if (it == value_->MemberEnd()) return std::nullopt;
  return JsonNode(it->value, path_.empty() ? std::string(name) : fmt::format("{}.{}", path_, name), source_);
}

JsonNode JsonNode::member(std::string_view name) const {
  auto node = find(name);
  if (!node) fail(fmt::format("missing required member '{}'", name));
  return *std::move(node);
}

std::vector<JsonNode> JsonNode::elements() const {
  if (!value_->IsArray()) fail(fmt::format("expected an array, found {}", type_name(*value_)));
  std::vector<JsonNode> out;
  out.reserve(value_->Size());
  for (rapidjson::SizeType i = 0; i < value_->Size(); ++i) {
    out.emplace_back((*value_)[i], fmt::format("{}[{}]", path_, i), source_);
  }
  return out;
}

std::string JsonNode::string() const {
  if (!value_->IsString()) fail(fmt::format("expected a string, found {}", type_name(*value_)));
  if (value_->GetStringLength() == 0) fail("expected a non-empty string");
  return {value_->GetString(), value_->GetStringLength()};
}

bool JsonNode::boolean() const {
  if (!value_->IsBool()) fail(fmt::format("expected true or false, found {}", type_name(*value_)));
  return value_->GetBool();
}

std::uint32_t JsonNode::unsigned_integer(std::uint32_t min, std::uint32_t max) const {
  if (!value_->IsUint64()) fail(fmt::format("expected a whole number from {} to {}", min, max));
  const auto number = value_->GetUint64();
  if (number < min || number > max) fail(fmt::format("{} is outside {}..{}", number, min, max));
  return static_cast<std::uint32_t>(number);
}

std::string text_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return fmt::format("line {}, column {}", line, offset - line_start + 1);
}

}  // namespace insights::availability
