#pragma once
#include <string>
#include <string_view>

namespace insights::availability {

// Ids become parts of slot ids, Kafka keys and chunk paths: 1-64 characters of A-Z a-z 0-9 _ - (and '.' except in
// organisation ids, as the record contract requires). Returns what is wrong, or an empty string.
std::string id_problem(std::string_view id, bool organisation);

}  // namespace insights::availability
