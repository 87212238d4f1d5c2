#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace insights::emulator {

enum class FieldKind { Id, String, Int, Bool, Picklist, Blob, DateTime, Reference };

// How the API treats a field in request bodies. System fields are set by the server: client values for
// them are ignored. Read-only fields (the standard audit fields) are refused in bodies.
enum class FieldAccess { Writable, CreateOnly, System, ReadOnly };

struct FieldDef {
  std::string_view name;
  FieldKind kind = FieldKind::String;
  FieldAccess access = FieldAccess::Writable;
  std::size_t max_length = 0;  // 0: no limit checked
  std::vector<std::string_view> picklist;
  bool restricted = false;  // restricted picklist: refused with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST
};

struct ObjectDef {
  std::string_view name;
  std::string_view key_prefix;
  std::vector<FieldDef> fields;

  // Case-insensitive, as Salesforce resolves field names.
  const FieldDef* find(std::string_view field_name) const;
};

const ObjectDef& header_object();  // InsightsExternalData
const ObjectDef& part_object();    // InsightsExternalDataPart
const ObjectDef* find_object(std::string_view name);

}  // namespace insights::emulator
