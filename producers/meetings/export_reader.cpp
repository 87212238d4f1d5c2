#include "producers/meetings/export_reader.h"

#include <fstream>

#include <fmt/format.h>

#include "producers/meetings/bad_line.h"
#include "producers/meetings/meeting_row_builder.h"
#include "shared/util/error.h"

namespace insights::meetings {

namespace {

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Per-org totals without a search per row: exports are mostly long runs of one org.
class OrgTotals {
 public:
  explicit OrgTotals(std::vector<OrgExport>& orgs) : orgs_(orgs) {}

  void add(std::string_view org, std::string_view last_modified) {
    if (current_ == nullptr || current_->org != org) {
      current_ = find_or_add(org);
    }
    ++current_->rows;
    if (last_modified > current_->max_last_modified) {
      current_->max_last_modified.assign(last_modified);
    }
  }

 private:
  OrgExport* find_or_add(std::string_view org) {
    const auto it = index_.find(org);
    if (it != index_.end()) {
      return &orgs_[it->second];
    }
    index_.emplace(std::string(org), orgs_.size());
    return &orgs_.emplace_back(OrgExport{std::string(org), 0, ""});
  }

  std::vector<OrgExport>& orgs_;
  IdMap<std::size_t> index_;
  OrgExport* current_ = nullptr;
};

void count(ExportStats& stats, LineOutcome outcome) {
  switch (outcome) {
    case LineOutcome::exported:
      ++stats.exported;
      break;
    case LineOutcome::not_completed:
      ++stats.not_completed;
      break;
    case LineOutcome::unchanged:
      ++stats.unchanged;
      break;
    case LineOutcome::org_disabled:
      ++stats.org_disabled;
      break;
  }
}

}  // namespace

ExportStats read_export(const std::filesystem::path& export_file, const ReferenceData& reference,
                        const WatermarkStore& watermarks, const RowEmitter& emit) {
  std::ifstream in(export_file, std::ios::binary);
  if (!in) {
    throw Error(fmt::format("meetings export {}: cannot be opened; check the path and its permissions",
                            export_file.string()));
  }
  ExportStats stats;
  OrgTotals totals(stats.orgs);
  MeetingRowBuilder builder(reference, watermarks);
  std::string line;
  std::string org;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (blank(line)) {
      continue;
    }
    ++stats.lines;
    try {
      const auto outcome = builder.build(line);
      count(stats, outcome);
      if (outcome == LineOutcome::exported) {
        org.assign(builder.org());
        totals.add(org, builder.last_modified());
        emit(org, builder.row_json(), builder.last_modified());
      }
    } catch (const BadLine& bad) {
      ++stats.bad_lines;
      if (stats.problems.size() < kMaxReportedProblems) {
        stats.problems.push_back(fmt::format("{}:{}: {}: {}", export_file.string(), number, bad.field(), bad.what()));
      }
    }
  }
  if (in.bad()) {
    throw Error(fmt::format("meetings export {}: read failed; check the disk and run again", export_file.string()));
  }
  return stats;
}

}  // namespace insights::meetings
