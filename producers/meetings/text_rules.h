#pragma once
#include <cstddef>
#include <string_view>

namespace insights::meetings {

// The dataset's default Text precision (shared/schema/insights_schema.json): longer values would be refused
// downstream, so they are caught here where the file and line are still known.
inline constexpr std::size_t kMaxTextChars = 255;

// The record envelope's org rule (1-64 chars of A-Z a-z 0-9 _ -): org ids become file names and Kafka keys.
bool valid_org_id(std::string_view org);

// Code points in well-formed UTF-8 text.
std::size_t utf8_chars(std::string_view text);

}  // namespace insights::meetings
