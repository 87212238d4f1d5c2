#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace insights::schema {

// The JSON kinds a row value can have. Numbers keep RapidJSON's split: Uint for every non-negative integer,
// Int for negative ones, Real for the rest (and for integers above INT64_MAX, as a DOM's GetDouble would).
enum class JsonKind : std::uint8_t { Null, Bool, String, Int, Uint, Real, Array, Object };

// One value of a row, or an item of a multi-value array. Text points into the parsed message.
struct JsonValue {
  JsonValue() = default;
  explicit JsonValue(JsonKind k) : kind(k) {}

  JsonKind kind = JsonKind::Null;
  // String: set when the reader already knows the text's character count and that it holds no NUL and needs CSV
  // quotes only if `csv_quote`, so RowToCsv need not scan it again.
  bool csv_known = false;
  bool csv_quote = false;
  std::uint32_t chars = 0;
  std::string_view text;    // String
  std::int64_t int_value = 0;    // Int
  std::uint64_t uint_value = 0;  // Uint
  double real_value = 0;         // Real
  std::uint32_t first_item = 0;  // Array: its items are RowView::items[first_item, first_item + item_count)
  std::uint32_t item_count = 0;

  bool is_int64() const { return kind == JsonKind::Int || (kind == JsonKind::Uint && uint_value <= INT64_MAX); }
  std::int64_t as_int64() const { return kind == JsonKind::Int ? int_value : static_cast<std::int64_t>(uint_value); }
  double as_double() const;
  bool is_number() const { return kind == JsonKind::Int || kind == JsonKind::Uint || kind == JsonKind::Real; }
};

struct RowMember {
  std::string_view name;
  JsonValue value;
};

// A row object as flat views: members in message order (duplicates kept, so they can be refused) and the items
// of its arrays. Its vectors are reused across rows, so steady-state decoding does not allocate.
struct RowView {
  std::vector<RowMember> members;
  std::vector<JsonValue> items;

  void clear() {
    members.clear();
    items.clear();
  }
  // The first member of that name, as a DOM's FindMember; null when absent.
  const JsonValue* find(std::string_view name) const;
};

inline double JsonValue::as_double() const {
  switch (kind) {
    case JsonKind::Int: return static_cast<double>(int_value);
    case JsonKind::Uint: return static_cast<double>(uint_value);
    default: return real_value;
  }
}

inline const JsonValue* RowView::find(std::string_view name) const {
  for (const auto& m : members) {
    if (m.name == name) return &m.value;
  }
  return nullptr;
}

}  // namespace insights::schema
