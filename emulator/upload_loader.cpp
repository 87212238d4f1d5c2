#include "emulator/upload_loader.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "emulator/cell_validator.h"
#include "emulator/csv_reader.h"
#include "emulator/gzip_reader.h"
#include "emulator/name_rules.h"
#include "emulator/utf8.h"
#include "shared/util/error.h"

namespace insights::emulator {

namespace {

std::string join_parts(std::vector<PartData>& parts) {
  if (parts.empty()) {
    throw insights::Error("the upload has no parts; insert InsightsExternalDataPart rows before Action=Process");
  }
  std::sort(parts.begin(), parts.end(), [](const PartData& a, const PartData& b) { return a.number < b.number; });
  std::size_t total = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto expected = static_cast<std::int64_t>(i + 1);
    if (parts[i].number != expected) {
      throw insights::Error(fmt::format(
          "PartNumbers must run 1..N without gaps: part {} is missing ({} parts stored, highest {})", expected,
          parts.size(), parts.back().number));
    }
    total += parts[i].bytes->size();
  }
  std::string joined;
  joined.reserve(total);
  for (const auto& part : parts) joined += *part.bytes;
  return joined;
}

std::string decode_payload(std::string joined, bool first_member_only) {
  std::string text = looks_like_gzip(joined) ? gunzip_single_member(joined, first_member_only) : std::move(joined);
  if (const auto bad = first_invalid_utf8(text)) {
    throw insights::Error(fmt::format("the data is not valid UTF-8 (byte {} of the decoded file); encode the CSV as UTF-8",
                                      *bad));
  }
  return text;
}

void check_header_row(const CsvRecord& header, const UploadSchema& schema) {
  if (!header.error.empty()) throw insights::Error(fmt::format("the header row is malformed: {}", header.error));
  if (header.cells.size() != schema.fields.size()) {
    throw insights::Error(fmt::format("the header row has {} columns but the metadata describes {} fields",
                                      header.cells.size(), schema.fields.size()));
  }
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    if (header.cells[i] != schema.fields[i].name) {
      throw insights::Error(fmt::format(
          "header column {} is \"{}\" but the metadata names field \"{}\"; the header row must list the metadata field "
          "names in order",
          i + 1, header.cells[i], schema.fields[i].name));
    }
  }
}

UploadSchema schema_from_header(const CsvRecord& header) {
  if (!header.error.empty()) throw insights::Error(fmt::format("the header row is malformed: {}", header.error));
  std::set<std::string> seen;
  for (const auto& name : header.cells) {
    if (!is_valid_field_name(name)) {
      throw insights::Error(fmt::format("header column \"{}\" is no valid field name; send MetadataJson or rename it", name));
    }
    if (!seen.insert(name).second) throw insights::Error(fmt::format("header column \"{}\" appears twice", name));
  }
  return text_schema(header.cells);
}

// What checking a row needs besides the schema, prepared once per upload: each Date field's format already split,
// and a buffer for the cells' lengths.
struct RowChecks {
  explicit RowChecks(const UploadSchema& schema) {
    for (const auto& field : schema.fields) {
      dates.push_back(field.type == FieldType::Date ? std::optional<DatePattern>(DatePattern(field.format)) : std::nullopt);
    }
  }
  std::vector<std::optional<DatePattern>> dates;
  std::vector<std::size_t> chars;
};

// Why the record cannot be loaded, or nullopt; the record's cells are rewritten as they will be stored.
std::optional<std::string> check_record(CsvRecord& record, const UploadSchema& schema, RowChecks& checks) {
  if (!record.error.empty()) return record.error;
  if (record.cells.size() != schema.fields.size()) {
    return fmt::format("line {}: {} columns, expected {}", record.line, record.cells.size(), schema.fields.size());
  }
  checks.chars.clear();
  std::size_t chars = 0;
  for (const auto& cell : record.cells) chars += checks.chars.emplace_back(utf8_length(cell));
  if (chars > kMaxRecordChars) return fmt::format("line {}: record longer than {} characters", record.line, kMaxRecordChars);
  for (std::size_t i = 0; i < record.cells.size(); ++i) {
    if (schema.fields[i].is_skipped) continue;
    const auto& date = checks.dates[i];
    if (auto problem = check_cell(schema.fields[i], record.cells[i], checks.chars[i], date ? &*date : nullptr)) {
      return fmt::format("line {}: {}", record.line, *problem);
    }
  }
  return std::nullopt;
}

// The record's loaded cells (isSkipped columns left out) into `row`, a buffer reused for every record.
void loaded_cells(const CsvRecord& record, const UploadSchema& schema, std::vector<std::string_view>& row) {
  row.clear();
  for (std::size_t i = 0; i < record.cells.size(); ++i) {
    if (!schema.fields[i].is_skipped) row.push_back(record.cells[i]);
  }
}

}  // namespace

LoadedUpload load_upload(std::vector<PartData> parts, const std::optional<UploadSchema>& schema,
                         bool first_member_only) {
  const std::string text = decode_payload(join_parts(parts), first_member_only);
  const FileFormat format = schema ? schema->file_format : FileFormat{};
  CsvReader reader(text, format.delimiter, format.enclosure);
  CsvRecord record;
  std::optional<UploadSchema> effective = schema;
  for (int skipped = 0; skipped < format.lines_to_ignore; ++skipped) {
    if (!reader.next(record)) throw insights::Error("the data file holds no rows");
    if (skipped > 0) continue;
    if (effective) {
      check_header_row(record, *effective);
    } else {
      effective = schema_from_header(record);
    }
  }
  if (!effective) throw insights::Error("without MetadataJson the data file must start with a header row");
  LoadedUpload upload;
  for (const auto& field : effective->fields) {
    if (!field.is_skipped) upload.fields.push_back(field);
  }
  upload.rows = RowTable(upload.fields.size());
  // The cells are the text less delimiters and quotes, give or take defaults; a row per line unless values hold
  // line breaks.
  upload.rows.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1, text.size());
  std::vector<std::string_view> row;
  RowChecks checks(*effective);
  while (reader.next(record)) {
    if (auto problem = check_record(record, *effective, checks)) {
      if (upload.rejected++ == 0) upload.first_rejection = std::move(*problem);
      continue;
    }
    loaded_cells(record, *effective, row);
    upload.rows.append(row);
  }
  if (upload.rows.empty() && upload.rejected == 0) throw insights::Error("the data file holds no rows after its header");
  if (upload.rows.empty()) {
    throw insights::Error(fmt::format("no row could be loaded: {} rows rejected; first: {}", upload.rejected,
                                      upload.first_rejection));
  }
  return upload;
}

}  // namespace insights::emulator
