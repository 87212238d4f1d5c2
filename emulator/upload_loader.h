#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/row_table.h"
#include "emulator/upload_schema.h"

namespace insights::emulator {

struct PartData {
  std::int64_t number = 0;
  std::shared_ptr<const std::string> bytes;
};

// The rows of one upload that passed every check, in file order, ready for a dataset operation.
struct LoadedUpload {
  std::vector<FieldSpec> fields;  // loaded columns; isSkipped ones are left out
  RowTable rows;                  // one column per entry of `fields`
  std::size_t rejected = 0;
  std::string first_rejection;
};

// Joins the parts in PartNumber order, decodes them (one gzip member, or plain CSV), checks UTF-8, the
// header row and every row. Throws insights::Error, with the text the job's StatusMessage shows, when the
// upload as a whole fails; row-level problems only drop the row.
LoadedUpload load_upload(std::vector<PartData> parts, const std::optional<UploadSchema>& schema,
                         bool first_member_only);

}  // namespace insights::emulator
