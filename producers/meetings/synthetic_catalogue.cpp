#include "producers/meetings/synthetic_catalogue.h"

#include <array>

#include <fmt/format.h>

#include "producers/meetings/text_rules.h"
#include "producers/synthetic/reference_data.h"
#include "shared/util/error.h"

namespace insights::meetings::synthetic_input {

ThemeIds::ThemeIds() {
  for (const auto& theme : synthetic::themes()) {
    std::string parent;
    for (std::size_t level = 0; level < theme.levels.size() && !theme.levels[level].empty(); ++level) {
      parent = id_of(parent, theme.levels[level]);
    }
    leaves_.push_back(parent);
  }
}

std::string ThemeIds::id_of(const std::string& parent, std::string_view name) {
  const auto key = std::make_pair(parent, std::string(name));
  const auto it = ids_.find(key);
  if (it != ids_.end()) {
    return it->second;
  }
  const auto id = fmt::format("{}-{}", parent.empty() ? "th" : parent, ++children_[parent]);
  all_.push_back({id, parent, std::string(name)});
  return ids_.emplace(key, id).first->second;
}

void validate_orgs(const SyntheticExportOptions& options) {
  for (const auto& org : options.orgs) {
    if (!valid_org_id(org) || org == kSyntheticDisabledOrg) {
      throw Error(fmt::format("synthetic meetings export: organisation id '{}' is invalid or reserved; use 1-64 "
                              "characters of A-Z a-z 0-9 _ - other than '{}'",
                              org, kSyntheticDisabledOrg));
    }
  }
}

OutputFile::OutputFile(const std::filesystem::path& file) : path_(file), out_(file, std::ios::binary) { check("create"); }

void OutputFile::line(std::string_view text) {
  out_.write(text.data(), static_cast<std::streamsize>(text.size())).put('\n');
}

void OutputFile::finish() {
  out_.close();
  check("write");
}

void OutputFile::check(std::string_view action) {
  if (!out_) {
    throw Error(fmt::format("synthetic meetings export: cannot {} {}; check the path and free disk space", action,
                            path_.string()));
  }
}

}  // namespace insights::meetings::synthetic_input
