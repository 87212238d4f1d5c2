#pragma once
#include <string>
#include <string_view>

#include "emulator/sobject_fields.h"
#include "emulator/sobject_record.h"

namespace insights::emulator {

enum class BodyPurpose { Create, Update };

// Parses a create or update body into values keyed by canonical field name, checking JSON syntax, field
// names and JSON types (§6 "HTTP and auth"). Values of system-set fields are dropped. Throws ApiError.
FieldValues read_sobject_body(const ObjectDef& object, const std::string& body, BodyPurpose purpose);

}  // namespace insights::emulator
