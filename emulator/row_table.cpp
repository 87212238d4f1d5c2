#include "emulator/row_table.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::emulator {

void RowTable::check_width(std::size_t cells) const {
  if (cells != columns_) {
    throw insights::Error(fmt::format("a row of {} cells cannot go into a table of {} columns", cells, columns_));
  }
}

void RowTable::append(std::span<const std::string> cells) {
  check_width(cells.size());
  for (const auto& cell : cells) {
    bytes_.append(cell);
    ends_.push_back(bytes_.size());
  }
  ++rows_;
}

void RowTable::append(std::span<const std::string_view> cells) {
  check_width(cells.size());
  for (const auto cell : cells) {
    bytes_.append(cell);
    ends_.push_back(bytes_.size());
  }
  ++rows_;
}

std::vector<std::string> RowTable::row(std::size_t row) const {
  std::vector<std::string> out;
  out.reserve(columns_);
  for (std::size_t column = 0; column < columns_; ++column) out.emplace_back(cell(row, column));
  return out;
}

}  // namespace insights::emulator
