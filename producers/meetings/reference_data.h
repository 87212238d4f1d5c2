#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace insights::meetings {

// Lets maps keyed by std::string be searched with a string_view from a parsed line without a copy.
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename Value>
using IdMap = std::unordered_map<std::string, Value, TransparentHash, std::equal_to<>>;

struct Organisation {
  std::string name;
  bool insights_enabled = false;
};

// A theme with its ancestry resolved once at load: path "Top > Middle > Leaf", levels top first, "" when shallower.
struct Theme {
  std::string name;
  std::string path;
  std::array<std::string, 3> levels;
};

struct Room {
  std::string name;
  std::uint32_t capacity = 0;
};

struct MeetingType {
  std::string name;
  std::uint32_t duration_min = 0;
};

struct ReferenceData {
  IdMap<Organisation> organisations;
  IdMap<Theme> themes;
  IdMap<std::string> customer_categories;  // id -> name
  IdMap<Room> rooms;
  IdMap<MeetingType> meeting_types;

  template <typename Value>
  static const Value* find(const IdMap<Value>& map, std::string_view id) {
    const auto it = map.find(id);
    return it == map.end() ? nullptr : &it->second;
  }
};

inline constexpr std::size_t kMaxThemeLevels = 3;

// Reads and checks the whole file before anything is produced. Throws insights::Error naming the file, the JSON
// location (e.g. "themes[4].parent") and what is wrong.
ReferenceData load_reference_data(const std::filesystem::path& file);
ReferenceData parse_reference_data(std::string_view json, std::string_view source_name);

}  // namespace insights::meetings
