#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace insights::emulator {

enum class FieldType { Text, Numeric, Date };

std::string_view type_name(FieldType type);

// One column as the metadata JSON describes it; only what loading and the dataset need.
struct FieldSpec {
  std::string name;
  FieldType type = FieldType::Text;
  bool is_unique_id = false;
  bool is_multi_value = false;
  bool is_skipped = false;
  bool can_truncate = true;
  int precision = 255;  // Text: maximum length; Numeric: total digits
  int scale = 0;
  std::string default_value;
  std::string format;  // Date pattern
};

struct FileFormat {
  char delimiter = ',';
  char enclosure = '"';
  int lines_to_ignore = 1;
};

struct UploadSchema {
  FileFormat file_format;
  std::string object_name;
  std::vector<FieldSpec> fields;  // in CSV column order

  const FieldSpec* unique_id() const;
};

// A schema of Text fields named after a CSV header row: what the API builds when no metadata is sent.
UploadSchema text_schema(const std::vector<std::string>& names);

}  // namespace insights::emulator
