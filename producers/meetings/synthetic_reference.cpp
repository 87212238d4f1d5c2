#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "producers/meetings/synthetic_catalogue.h"
#include "producers/meetings/synthetic_export.h"
#include "producers/synthetic/reference_data.h"

namespace insights::meetings {

namespace {

using synthetic_input::kLocations;
using synthetic_input::ThemeIds;

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void put(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(JsonWriter& w, const char* key, std::uint32_t value) {
  w.Key(key);
  w.Uint(value);
}

void write_organisations(JsonWriter& w, const SyntheticExportOptions& options) {
  w.Key("organisations");
  w.StartArray();
  auto organisation = [&](std::string_view id, bool enabled) {
    w.StartObject();
    put(w, "id", id);
    put(w, "name", fmt::format("{} (BookMe tenant)", id));
    w.Key("insights_enabled");
    w.Bool(enabled);
    w.EndObject();
  };
  for (const auto& org : options.orgs) {
    organisation(org, true);
  }
  organisation(kSyntheticDisabledOrg, false);
  w.EndArray();
}

void write_themes(JsonWriter& w, const ThemeIds& ids) {
  w.Key("themes");
  w.StartArray();
  for (const auto& [id, parent, name] : ids.all()) {
    w.StartObject();
    put(w, "id", id);
    w.Key("parent");
    if (parent.empty()) {
      w.Null();
    } else {
      w.String(parent.c_str());
    }
    put(w, "name", name);
    w.EndObject();
  }
  w.EndArray();
}

void write_categories_rooms_types(JsonWriter& w) {
  w.Key("customer_categories");
  w.StartArray();
  const auto categories = synthetic::customer_categories();
  for (std::size_t i = 0; i < categories.size(); ++i) {
    w.StartObject();
    put(w, "id", fmt::format("cc-{}", i + 1));
    put(w, "name", categories[i]);
    w.EndObject();
  }
  w.EndArray();
  w.Key("rooms");
  w.StartArray();
  for (std::uint32_t location = 1; location <= kLocations; ++location) {
    const auto rooms = synthetic::rooms();
    for (std::size_t i = 0; i < rooms.size(); ++i) {
      w.StartObject();
      put(w, "id", fmt::format("loc-{}-room-{}", location, i + 1));
      put(w, "name", rooms[i].name);
      put(w, "capacity", rooms[i].capacity);
      w.EndObject();
    }
  }
  w.EndArray();
  w.Key("meeting_types");
  w.StartArray();
  const auto types = synthetic::meeting_types();
  for (std::size_t i = 0; i < types.size(); ++i) {
    w.StartObject();
    put(w, "id", fmt::format("mt-{}", i + 1));
    put(w, "name", types[i].name);
    put(w, "duration_min", types[i].duration_min);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void write_synthetic_reference(const std::filesystem::path& file, const SyntheticExportOptions& options) {
  synthetic_input::validate_orgs(options);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  write_organisations(w, options);
  write_themes(w, ThemeIds{});
  write_categories_rooms_types(w);
  w.EndObject();
  synthetic_input::OutputFile out(file);
  out.line({buffer.GetString(), buffer.GetSize()});
  out.finish();
}

}  // namespace insights::meetings
