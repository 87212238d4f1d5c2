#include "producers/meetings/reference_data.h"

#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "producers/meetings/text_rules.h"
#include "shared/util/error.h"

namespace insights::meetings {

namespace {

constexpr std::uint32_t kMaxNumeric = 999'999;  // precision 6 in the schema

// Errors name the source and a JSON location such as "rooms[2].capacity".
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  [[noreturn]] void fail(std::string_view where, std::string_view what) const {
    throw Error(fmt::format("reference data {}: {}: {}; fix the reference data and run again", source_, where, what));
  }

  const rapidjson::Value& member(const rapidjson::Value& object, const char* name, const std::string& where) const {
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) {
      fail(fmt::format("{}.{}", where, name), "missing");
    }
    return it->value;
  }

  std::string text(const rapidjson::Value& object, const char* name, const std::string& where) const {
    const auto& value = member(object, name, where);
    if (!value.IsString() || value.GetStringLength() == 0) {
      fail(fmt::format("{}.{}", where, name), "must be a non-empty string");
    }
    std::string result(value.GetString(), value.GetStringLength());
    if (utf8_chars(result) > kMaxTextChars) {
      fail(fmt::format("{}.{}", where, name), fmt::format("longer than {} characters", kMaxTextChars));
    }
    return result;
  }

  std::uint32_t count(const rapidjson::Value& object, const char* name, const std::string& where,
                      std::uint32_t min) const {
    const auto& value = member(object, name, where);
    if (!value.IsUint() || value.GetUint() < min || value.GetUint() > kMaxNumeric) {
      fail(fmt::format("{}.{}", where, name), fmt::format("must be a whole number from {} to {}", min, kMaxNumeric));
    }
    return value.GetUint();
  }

  rapidjson::Value::ConstArray array(const rapidjson::Value& root, const char* name) const {
    const auto it = root.FindMember(name);
    if (it == root.MemberEnd() || !it->value.IsArray()) {
      fail(name, "missing or not an array");
    }
    return it->value.GetArray();
  }

  // Calls read(element, where) for each object of the array and checks that ids are unique.
  template <typename Value, typename Read>
  IdMap<Value> objects(const rapidjson::Value& root, const char* name, Read read) const {
    IdMap<Value> result;
    std::size_t index = 0;
    for (const auto& element : array(root, name)) {
      const auto where = fmt::format("{}[{}]", name, index++);
      if (!element.IsObject()) {
        fail(where, "must be an object");
      }
      auto id = text(element, "id", where);
      if (!result.emplace(id, read(element, where)).second) {
        fail(where + ".id", fmt::format("duplicate id '{}'", id));
      }
    }
    return result;
  }

 private:
  std::string_view source_;
};

std::pair<std::size_t, std::size_t> line_and_column(std::string_view json, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < json.size(); ++i) {
    if (json[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

struct RawTheme {
  std::string name;
  std::string parent;  // "" for a top-level theme
};

IdMap<RawTheme> read_raw_themes(const Reader& reader, const rapidjson::Value& root) {
  return reader.objects<RawTheme>(root, "themes", [&](const rapidjson::Value& element, const std::string& where) {
    RawTheme theme{reader.text(element, "name", where), ""};
    const auto parent = element.FindMember("parent");
    if (parent != element.MemberEnd() && !parent->value.IsNull()) {
      theme.parent = reader.text(element, "parent", where);
    }
    return theme;
  });
}

// Walks up to the root; more than kMaxThemeLevels steps means a cycle or a hierarchy the dataset cannot hold.
Theme resolve_theme(const Reader& reader, const IdMap<RawTheme>& raw, const std::string& id) {
  std::vector<const std::string*> names;
  std::string current = id;
  while (!current.empty()) {
    const auto* theme = ReferenceData::find(raw, current);
    if (theme == nullptr) {
      reader.fail(fmt::format("themes[id={}].parent", id), fmt::format("unknown parent theme '{}'", current));
    }
    if (names.size() == kMaxThemeLevels) {
      reader.fail(fmt::format("themes[id={}].parent", id),
                  fmt::format("hierarchy deeper than {} levels (or a cycle)", kMaxThemeLevels));
    }
    names.push_back(&theme->name);
    current = theme->parent;
  }
  Theme resolved;
  resolved.name = *names.front();
  for (std::size_t level = 0; level < names.size(); ++level) {
    resolved.levels[level] = *names[names.size() - 1 - level];
    resolved.path += (level == 0 ? "" : " > ") + resolved.levels[level];
  }
  if (utf8_chars(resolved.path) > kMaxTextChars) {
    reader.fail(fmt::format("themes[id={}]", id), fmt::format("theme path longer than {} characters", kMaxTextChars));
  }
  return resolved;
}

IdMap<Theme> read_themes(const Reader& reader, const rapidjson::Value& root) {
  const auto raw = read_raw_themes(reader, root);
  IdMap<Theme> themes;
  for (const auto& [id, theme] : raw) {
    themes.emplace(id, resolve_theme(reader, raw, id));
  }
  return themes;
}

IdMap<Organisation> read_organisations(const Reader& reader, const rapidjson::Value& root) {
  return reader.objects<Organisation>(
      root, "organisations", [&](const rapidjson::Value& element, const std::string& where) {
        const auto id = reader.text(element, "id", where);
        if (!valid_org_id(id)) {
          reader.fail(where + ".id", fmt::format("'{}' is not 1-64 characters of A-Z a-z 0-9 _ -", id));
        }
        const auto& enabled = reader.member(element, "insights_enabled", where);
        if (!enabled.IsBool()) {
          reader.fail(where + ".insights_enabled", "must be true or false");
        }
        const auto name = element.FindMember("name");
        const bool has_name = name != element.MemberEnd() && name->value.IsString();
        return Organisation{has_name ? std::string(name->value.GetString()) : id, enabled.GetBool()};
      });
}

ReferenceData read_reference(const Reader& reader, const rapidjson::Value& root) {
  if (!root.IsObject()) {
    reader.fail("(top level)", "must be a JSON object");
  }
  ReferenceData data;
  data.organisations = read_organisations(reader, root);
  data.themes = read_themes(reader, root);
  data.customer_categories = reader.objects<std::string>(
      root, "customer_categories",
      [&](const rapidjson::Value& element, const std::string& where) { return reader.text(element, "name", where); });
  data.rooms = reader.objects<Room>(root, "rooms", [&](const rapidjson::Value& element, const std::string& where) {
    return Room{reader.text(element, "name", where), reader.count(element, "capacity", where, 0)};
  });
  data.meeting_types = reader.objects<MeetingType>(
      root, "meeting_types", [&](const rapidjson::Value& element, const std::string& where) {
        return MeetingType{reader.text(element, "name", where), reader.count(element, "duration_min", where, 1)};
      });
  return data;
}

}  // namespace

ReferenceData parse_reference_data(std::string_view json, std::string_view source_name) {
  const Reader reader(source_name);
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  if (document.HasParseError()) {
    const auto [line, column] = line_and_column(json, document.GetErrorOffset());
    reader.fail(fmt::format("line {} column {}", line, column),
                fmt::format("not valid JSON ({})", rapidjson::GetParseError_En(document.GetParseError())));
  }
  return read_reference(reader, document);
}

ReferenceData load_reference_data(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(fmt::format("reference data {}: cannot be opened; check the path and its permissions", file.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_reference_data(text.str(), file.string());
}

}  // namespace insights::meetings
