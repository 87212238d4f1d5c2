#include "emulator/csv_reader.h"

#include <fmt/format.h>

namespace insights::emulator {

CsvReader::CsvReader(std::string_view data, char delimiter, char enclosure)
    : data_(data), delimiter_(delimiter), enclosure_(enclosure) {
  for (const char c : {delimiter, enclosure, '\n', '\r'}) ends_unquoted_[static_cast<unsigned char>(c)] = true;
}

bool CsvReader::next(CsvRecord& record) {
  record.error.clear();
  if (pos_ >= data_.size()) {
    record.cells.clear();
    return false;
  }
  record.line = line_;
  for (std::size_t index = 0;; ++index) {
    const auto end = read_field(record, index);
    if (end == FieldEnd::Delimiter) continue;
    if (end == FieldEnd::Error) skip_rest_of_line();
    // Cells past the last read field belong to a longer earlier record.
    record.cells.resize(end == FieldEnd::Error ? index : index + 1);
    return true;
  }
}

CsvReader::FieldEnd CsvReader::read_field(CsvRecord& record, std::size_t index) {
  if (index == record.cells.size()) record.cells.emplace_back();
  std::string& cell = record.cells[index];
  cell.clear();
  return pos_ < data_.size() && data_[pos_] == enclosure_ ? read_quoted(cell, record) : read_unquoted(cell, record);
}

CsvReader::FieldEnd CsvReader::read_quoted(std::string& cell, CsvRecord& record) {
  ++pos_;  // opening enclosure
  while (pos_ < data_.size()) {
    const char c = data_[pos_++];
    if (c == enclosure_) {
      if (pos_ < data_.size() && data_[pos_] == enclosure_) {
        cell.push_back(enclosure_);
        ++pos_;
        continue;
      }
      if (pos_ >= data_.size()) return FieldEnd::Record;
      const char after = data_[pos_++];
      const auto end = end_after(after, record);
      if (end == FieldEnd::Error && record.error.empty()) {
        record.error = fmt::format("line {}: characters after a closing quote", line_);
      }
      return end;
    }
    if (c == '\n') ++line_;
    cell.push_back(c);
  }
  record.error = fmt::format("line {}: quoted value never closed", record.line);
  return FieldEnd::Error;
}

CsvReader::FieldEnd CsvReader::read_unquoted(std::string& cell, CsvRecord& record) {
  // Find the field's end first and copy the value once: most cells are plain text.
  const std::size_t start = pos_;
  while (pos_ < data_.size() && !ends_unquoted_[static_cast<unsigned char>(data_[pos_])]) ++pos_;
  cell.assign(data_.data() + start, pos_ - start);
  if (pos_ >= data_.size()) return FieldEnd::Record;
  const char c = data_[pos_++];
  if (c == enclosure_) {
    record.error = fmt::format("line {}: quote inside an unquoted value (or space before an opening quote)", line_);
    return FieldEnd::Error;
  }
  return end_after(c, record);
}

// Classifies the character that ended a field; a CR must be followed by LF.
CsvReader::FieldEnd CsvReader::end_after(char c, CsvRecord& record) {
  if (c == delimiter_) return FieldEnd::Delimiter;
  if (c == '\n') {
    ++line_;
    return FieldEnd::Record;
  }
  if (c == '\r') {
    if (pos_ < data_.size() && data_[pos_] == '\n') {
      ++pos_;
      ++line_;
      return FieldEnd::Record;
    }
    record.error = fmt::format("line {}: carriage return without line feed outside quotes", line_);
  }
  --pos_;  // leave the offending character for skip_rest_of_line
  return FieldEnd::Error;
}

void CsvReader::skip_rest_of_line() {
  while (pos_ < data_.size()) {
    if (data_[pos_++] == '\n') {
      ++line_;
      return;
    }
  }
}

}  // namespace insights::emulator
