#include "producers/meetings/row_spool.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "producers/meetings/text_rules.h"
#include "shared/util/error.h"

namespace insights::meetings {

namespace {

std::filesystem::path make_private_dir(const std::filesystem::path& parent) {
  std::string pattern = (parent / "insights-meetings-spool-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(fmt::format("meetings row spool: cannot create a directory under {} ({}); check that it exists and "
                            "is writable",
                            parent.string(), std::strerror(errno)));
  }
  return pattern;
}

[[noreturn]] void io_failed(const std::filesystem::path& path, std::string_view action) {
  throw Error(fmt::format("meetings row spool: {} {} failed; check free disk space", action, path.string()));
}

}  // namespace

RowSpool::RowSpool(const std::filesystem::path& parent) : dir_(make_private_dir(parent)) {}

RowSpool::~RowSpool() {
  files_.clear();
  std::error_code ignored;  // best effort: a destructor must not throw
  std::filesystem::remove_all(dir_, ignored);
}

RowSpool::OrgFile& RowSpool::file_of(const std::string& org) {
  const auto it = files_.find(org);
  if (it != files_.end()) {
    return it->second;
  }
  // The org id becomes a file name; the export reader has validated it, the check guards other callers.
  if (!valid_org_id(org)) {
    throw Error(fmt::format("meetings row spool: organisation id '{}' is not 1-64 characters of A-Z a-z 0-9 _ -",
                            org));
  }
  OrgFile file{dir_ / (org + ".ndjson"), nullptr, 0};
  file.out = std::make_unique<std::ofstream>(file.path, std::ios::binary);
  if (!*file.out) {
    io_failed(file.path, "creating");
  }
  return files_.emplace(org, std::move(file)).first->second;
}

void RowSpool::append(const std::string& org, std::string_view row_json) {
  auto& file = file_of(org);
  if (!file.out) {
    throw Error(fmt::format("meetings row spool: rows of '{}' appended after its replay; spool the whole export "
                            "before replaying",
                            org));
  }
  // Rows are single-line JSON (control characters are escaped), so a newline separates them.
  file.out->write(row_json.data(), static_cast<std::streamsize>(row_json.size())).put('\n');
  if (!*file.out) {
    io_failed(file.path, "writing");
  }
  ++file.rows;
}

std::uint64_t RowSpool::replay(const std::string& org, const std::function<void(std::string_view)>& row) {
  const auto it = files_.find(org);
  if (it == files_.end()) {
    return 0;
  }
  auto& file = it->second;
  if (file.out) {
    file.out->close();
    if (!*file.out) {
      io_failed(file.path, "closing");
    }
    file.out.reset();
  }
  std::ifstream in(file.path, std::ios::binary);
  std::string line;
  std::uint64_t rows = 0;
  while (std::getline(in, line)) {
    row(line);
    ++rows;
  }
  if (in.bad() || rows != file.rows) {
    io_failed(file.path, "reading");
  }
  return rows;
}

}  // namespace insights::meetings
