#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "emulator/sobject_record.h"

namespace insights::emulator {

// One InsightsExternalDataPart row and its decoded bytes (shared, so processing can read them unlocked).
struct PartState {
  SobjectRecord record;
  std::shared_ptr<const std::string> data;
};

// Field checks of a part body that need no other record (§6 "Part insert / update / delete"); each throws
// ApiError. They run before the store is locked, since a DataFile can be ~13 MB of base64.
std::string checked_header_reference(const FieldValues& changes);  // the normalized 18-character header id
std::int64_t checked_part_number(const FieldValue& value);
std::shared_ptr<const std::string> checked_data_file(const FieldValue& value, std::size_t max_part_bytes);

}  // namespace insights::emulator
