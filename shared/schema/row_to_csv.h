#pragma once
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "shared/schema/schema.h"

namespace insights::schema {

// Limits of CRM Analytics External Data (external-data-api.md §4.8, §5).
inline constexpr std::size_t kMaxValueChars = 32'000;
inline constexpr std::size_t kMaxRecordChars = 400'000;

// Turns a record's row object into one CSV line in the dataset's column order, validating every value against the
// schema and the Salesforce limits. Throws RecordError (and leaves `out` unchanged) when the row cannot be loaded.
class RowToCsv {
 public:
  explicit RowToCsv(const DatasetDef& dataset);
  void append(const rapidjson::Value& row, std::string& out);
  // The header row: field names in column order.
  std::string header() const;

 private:
  void append_value(const FieldDef& field, const rapidjson::Value* value, std::string& out, std::size_t& chars);
  const DatasetDef& dataset_;
  std::string scratch_;
};

}  // namespace insights::schema
