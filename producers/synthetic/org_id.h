#pragma once
#include <string_view>

namespace insights::synthetic {

// Throws insights::Error unless org is 1-64 chars of A-Z a-z 0-9 _ - (the record envelope's rule), because the
// org id becomes part of meeting ids, slot ids and, downstream, Kafka keys and chunk names.
void validate_org_id(std::string_view org);

}  // namespace insights::synthetic
