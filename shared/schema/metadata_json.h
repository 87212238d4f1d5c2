#pragma once
#include <string>
#include <string_view>

#include "shared/schema/schema.h"

namespace insights::schema {

// The CRM Analytics metadata JSON (external-data-api.md §4) for a dataset's CSV. The unique id is declared for every
// operation except Append, which refuses one.
std::string metadata_json(const DatasetDef& dataset, std::string_view operation);

inline constexpr std::string_view kDateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

}  // namespace insights::schema
