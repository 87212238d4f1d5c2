#include "emulator/upload_schema.h"

namespace insights::emulator {

std::string_view type_name(FieldType type) {
  switch (type) {
    case FieldType::Numeric:
      return "Numeric";
    case FieldType::Date:
      return "Date";
    case FieldType::Text:
      break;
  }
  return "Text";
}

const FieldSpec* UploadSchema::unique_id() const {
  for (const auto& field : fields) {
    if (field.is_unique_id) return &field;
  }
  return nullptr;
}

UploadSchema text_schema(const std::vector<std::string>& names) {
  UploadSchema schema;
  for (const auto& name : names) {
    FieldSpec field;
    field.name = name;
    schema.fields.push_back(field);
  }
  return schema;
}

}  // namespace insights::emulator
