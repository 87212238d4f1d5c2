#pragma once
#include <string>
#include <string_view>

namespace insights::salesforce {

// A SOQL string literal with its quotes, escaped so that a value can never end the literal early.
std::string soql_literal(std::string_view value);

// Newest header first, so that a FileName reused by a replaced upload resolves to the latest one.
std::string header_by_file_name_query(std::string_view file_name);

std::string parts_of_header_query(std::string_view header_id);

}  // namespace insights::salesforce
