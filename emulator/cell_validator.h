#pragma once
#include <optional>
#include <string>

#include "emulator/date_format.h"
#include "emulator/upload_schema.h"

namespace insights::emulator {

inline constexpr std::size_t kMaxValueChars = 32000;
inline constexpr std::size_t kMaxRecordChars = 400000;

// Checks one CSV value against its field (§4.6-4.8). Returns why the row must be rejected, or nullopt.
// May rewrite the value the way the loader stores it: an empty Numeric takes its defaultValue, an
// over-long truncatable Text is cut to its precision.
std::optional<std::string> check_cell(const FieldSpec& field, std::string& value);

// The same check for a loader that checks many rows: `chars` is utf8_length(value), `date` the field's format
// already split (for Date fields).
std::optional<std::string> check_cell(const FieldSpec& field, std::string& value, std::size_t chars,
                                      const DatePattern* date);

}  // namespace insights::emulator
