#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "producers/meetings/reference_data.h"
#include "producers/meetings/watermark_store.h"

namespace insights::meetings {

struct OrgExport {
  std::string org;
  std::uint64_t rows = 0;
  std::string max_last_modified;  // what to advance the org's watermark to once its run_end is delivered
};

inline constexpr std::size_t kMaxReportedProblems = 100;

struct ExportStats {
  std::uint64_t lines = 0;          // non-blank lines read
  std::uint64_t exported = 0;
  std::uint64_t not_completed = 0;  // status scheduled or cancelled
  std::uint64_t unchanged = 0;      // last_modified not after the org's watermark
  std::uint64_t org_disabled = 0;   // organisation without Insights
  std::uint64_t bad_lines = 0;
  std::vector<std::string> problems;  // the first kMaxReportedProblems, each "file:line: field: what"
  std::vector<OrgExport> orgs;        // organisations with exported rows, in order of their first row
};

using RowEmitter =
    std::function<void(const std::string& org, std::string_view row_json, std::string_view last_modified)>;

// Streams the export once and calls emit for each exported row, in file order (orgs interleaved as the file
// has them). Memory does not grow with the file. Bad lines are counted and reported, and the run goes on;
// an unreadable file or watermark throws insights::Error.
ExportStats read_export(const std::filesystem::path& export_file, const ReferenceData& reference,
                        const WatermarkStore& watermarks, const RowEmitter& emit);

}  // namespace insights::meetings
