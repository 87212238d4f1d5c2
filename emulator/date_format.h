#pragma once
#include <string_view>

namespace insights::emulator {

// Whether `format` is one of the date patterns of the External Data format reference (§4.6), with or
// without its time part.
bool is_supported_date_format(std::string_view format);

// Whether `value` matches `format` exactly: every symbol with its digit count, calendar-valid day,
// hours, minutes and seconds in range, literals as written, nothing left over.
bool matches_date_format(std::string_view value, std::string_view format);

}  // namespace insights::emulator
