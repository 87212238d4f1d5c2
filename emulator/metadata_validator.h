#pragma once
#include <string_view>

#include "emulator/upload_schema.h"

namespace insights::emulator {

// Validates decoded MetadataJson bytes against the format reference (§4) and returns the schema.
// Throws ApiError 400 FIELD_INTEGRITY_EXCEPTION on field MetadataJson naming the first problem.
UploadSchema parse_metadata_json(std::string_view bytes);

}  // namespace insights::emulator
