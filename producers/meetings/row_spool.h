#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "producers/meetings/reference_data.h"

namespace insights::meetings {

// Buffers exported rows per organisation in temporary files (one NDJSON file per org in a private directory,
// removed on destruction), so that one pass over an export that interleaves orgs can feed one job per org
// without holding rows in memory. Keeps one open file per org: fine for hundreds of orgs, not for tens of
// thousands in one export.
class RowSpool {
 public:
  // Creates a fresh directory under `parent` (default: the system temporary directory).
  explicit RowSpool(const std::filesystem::path& parent = std::filesystem::temp_directory_path());
  ~RowSpool();
  RowSpool(const RowSpool&) = delete;
  RowSpool& operator=(const RowSpool&) = delete;

  void append(const std::string& org, std::string_view row_json);
  // Calls row(row_json) for each row of the org in append order; the org's file is closed for writing first.
  // Returns how many rows there were (0 for an org never appended).
  std::uint64_t replay(const std::string& org, const std::function<void(std::string_view row_json)>& row);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  struct OrgFile {
    std::filesystem::path path;
    std::unique_ptr<std::ofstream> out;
    std::uint64_t rows = 0;
  };
  OrgFile& file_of(const std::string& org);

  std::filesystem::path dir_;
  IdMap<OrgFile> files_;
};

}  // namespace insights::meetings
