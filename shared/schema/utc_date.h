#pragma once
#include <string_view>

namespace insights::schema {

// The one Date format the project sends: yyyy-MM-dd'T'HH:mm:ss'Z' (UTC), months, days, hours, minutes and seconds
// in range. Day-of-month is not checked against the month: External Data refuses such dates itself.
bool valid_utc_date(std::string_view text);

}  // namespace insights::schema
