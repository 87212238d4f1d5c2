#pragma once
#include <string_view>

namespace insights::emulator {

// §4.5: ASCII letters, digits and '_', starting with a letter, no trailing '_', no "__".
// Field names may end in one "__c"; aliases may not (callers check that separately).
bool is_valid_api_name(std::string_view name);
bool is_valid_field_name(std::string_view name);

// One e-mail address, no lists.
bool is_single_email_address(std::string_view text);

// ASCII case-insensitive equality, the way Salesforce compares field and object names.
bool iequals(std::string_view a, std::string_view b);

}  // namespace insights::emulator
