#include "emulator/sobject_record.h"

namespace insights::emulator {

bool is_null(const FieldValue& value) { return std::holds_alternative<std::monostate>(value); }

std::string text_of(const FieldValues& values, std::string_view name) {
  const auto found = values.find(name);
  if (found == values.end()) return {};
  if (const auto* text = std::get_if<std::string>(&found->second)) return *text;
  return {};
}

std::optional<std::int64_t> int_of(const FieldValues& values, std::string_view name) {
  const auto found = values.find(name);
  if (found == values.end()) return std::nullopt;
  if (const auto* number = std::get_if<std::int64_t>(&found->second)) return *number;
  return std::nullopt;
}

}  // namespace insights::emulator
