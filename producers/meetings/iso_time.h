#pragma once
#include <string_view>

#include <date/date.h>

namespace insights::meetings {

using UtcSeconds = date::sys_seconds;

// Parses ISO-8601 "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)" into a UTC instant. A fraction is
// truncated: the dataset keeps whole seconds. A time without an offset is refused, because BookMe's local
// times are ambiguous without one. Throws insights::Error saying what is wrong with the text (the caller adds
// file, line and field).
UtcSeconds parse_iso_time(std::string_view text);

// True when `text` is exactly the dataset's UTC form "YYYY-MM-DDTHH:MM:SSZ" of a valid instant.
bool is_canonical_utc(std::string_view text);

}  // namespace insights::meetings
