#pragma once
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "shared/schema/row_view.h"
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
  // The batcher's path: a row already decoded into views by RecordDecoder.
  void append(const RowView& row, std::string& out);
  // For callers holding a DOM; converts it to views first, so both paths validate and format alike.
  void append(const rapidjson::Value& row, std::string& out);
  // The header row: field names in column order.
  std::string header() const;
  const DatasetDef& dataset() const { return dataset_; }

 private:
  // Each writes at `out`, into space append() reserved, and returns the end of what it wrote.
  char* append_row(const RowView& row, char* out);
  char* append_value(const FieldDef& field, const RowView& row, const JsonValue* value, char* out, std::size_t& chars);
  char* append_text(const FieldDef& field, std::string_view text, char* out, std::size_t& chars);
  // A string whose facts the reader supplied (JsonValue::csv_known): no scan needed.
  char* append_known_text(const FieldDef& field, const JsonValue& value, char* out, std::size_t& chars);
  char* append_number(const FieldDef& field, const JsonValue& value, char* out, std::size_t& chars);
  [[noreturn]] void refuse_members(const RowView& row) const;
  const DatasetDef& dataset_;
  std::string scratch_;
  RowView dom_row_;
  std::size_t fixed_bytes_ = 0;  // room a row needs besides twice its text
};

// Writes `value` as a JSON DOM value's view into `row` (arrays one level deep: their items go to row.items).
JsonValue view_of(const rapidjson::Value& value, RowView& row);

}  // namespace insights::schema
