#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace insights::emulator {

struct CsvRecord {
  // Reused from record to record: next() refills the strings in place, so a caller that copies cells out (rather
  // than moving them) lets the reader run without allocating per cell.
  std::vector<std::string> cells;
  std::size_t line = 0;  // 1-based line on which the record starts
  std::string error;     // set when the record breaks RFC 4180; cells are then incomplete
};

// A strict RFC 4180 reader over data already in memory. A malformed record is reported with its error and
// the reader resumes at the next line, so one bad row costs one row. CRLF and LF both end a record.
class CsvReader {
 public:
  CsvReader(std::string_view data, char delimiter, char enclosure);

  // Reads the next record into `record`; false when the data is exhausted.
  bool next(CsvRecord& record);

 private:
  enum class FieldEnd { Delimiter, Record, Error };

  FieldEnd read_field(CsvRecord& record, std::size_t index);
  FieldEnd read_quoted(std::string& cell, CsvRecord& record);
  FieldEnd read_unquoted(std::string& cell, CsvRecord& record);
  FieldEnd end_after(char c, CsvRecord& record);
  void skip_rest_of_line();

  std::string_view data_;
  std::array<bool, 256> ends_unquoted_{};  // delimiter, CR, LF and the enclosure: one lookup per byte
  char delimiter_;
  char enclosure_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace insights::emulator
