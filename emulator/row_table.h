#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace insights::emulator {

// Rows of text cells packed into one buffer: a cell costs its bytes plus an 8-byte end offset, where a
// std::vector<std::string> row costs a heap block per long cell and 32 bytes per cell besides. A night of ten
// million rows is loaded and kept by the emulator, so this is most of its memory and much of its time.
class RowTable {
 public:
  explicit RowTable(std::size_t columns = 0) : columns_(columns) {}

  std::size_t columns() const { return columns_; }
  std::size_t size() const { return rows_; }
  bool empty() const { return rows_ == 0; }

  // A hint: how many rows and cell bytes are coming. Growing by doubling instead would touch twice the memory,
  // and fresh memory costs the kernel a page clear per 4 KB.
  void reserve(std::size_t rows, std::size_t bytes) {
    ends_.reserve(rows * columns_);
    bytes_.reserve(bytes);
  }
  // Appends one row; `cells` must hold columns() values. Throws insights::Error otherwise.
  void append(std::span<const std::string> cells);
  void append(std::span<const std::string_view> cells);

  std::string_view cell(std::size_t row, std::size_t column) const {
    const std::size_t index = row * columns_ + column;
    const std::uint64_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(bytes_).substr(begin, ends_[index] - begin);
  }
  // The row as strings, for callers that read a few rows back.
  std::vector<std::string> row(std::size_t row) const;

 private:
  void check_width(std::size_t cells) const;
  std::size_t columns_;
  std::size_t rows_ = 0;
  std::string bytes_;
  std::vector<std::uint64_t> ends_;  // ends_[row * columns_ + column]: where that cell's bytes end
};

}  // namespace insights::emulator
