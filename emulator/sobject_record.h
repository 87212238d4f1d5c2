#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace insights::emulator {

// A field value as JSON carries it; monostate is null. Blob fields hold their base64 text in request
// bodies and an empty string (present) or null (absent) in stored records.
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, bool>;

// Values keyed by the field's canonical name.
using FieldValues = std::map<std::string, FieldValue, std::less<>>;

struct SobjectRecord {
  std::string id;
  std::uint64_t sequence = 0;  // creation order, the tie-breaker for CreatedDate
  FieldValues values;
};

bool is_null(const FieldValue& value);
std::string text_of(const FieldValues& values, std::string_view name);  // empty when null or absent
std::optional<std::int64_t> int_of(const FieldValues& values, std::string_view name);

}  // namespace insights::emulator
