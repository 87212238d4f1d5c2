#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace insights::emulator {

// A dataset as stored after the operations applied so far; what tests and the demo read back.
struct Dataset {
  std::string alias;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // the first rows only when the snapshot was asked for fewer
  std::uint64_t row_count = 0;                 // all rows, however many `rows` holds
  std::uint64_t version = 0;                   // number of jobs applied to it
};

// One InsightsExternalData header as the admin view shows it.
struct HeaderRecord {
  std::string id, alias, file_name, operation, action, status, status_message;
  int parts = 0;
};

}  // namespace insights::emulator
