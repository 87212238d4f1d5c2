#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "producers/meetings/synthetic_export.h"

namespace insights::meetings::synthetic_input {

// What the synthetic reference data and export share: ids of locations, rooms and themes.
inline constexpr std::uint32_t kLocations = 4;

// Theme ids by position in the hierarchy: "th-2" top level, "th-2-1" below it, "th-2-1-3" below that, built
// from the synthetic generator's theme table.
class ThemeIds {
 public:
  ThemeIds();
  // The id of the deepest level of synthetic::themes()[theme].
  const std::string& leaf(std::size_t theme) const { return leaves_[theme]; }
  // (id, parent, name) in creation order.
  const std::vector<std::array<std::string, 3>>& all() const { return all_; }

 private:
  std::string id_of(const std::string& parent, std::string_view name);

  std::map<std::pair<std::string, std::string>, std::string> ids_;
  std::map<std::string, int> children_;
  std::vector<std::array<std::string, 3>> all_;
  std::vector<std::string> leaves_;
};

// Throws insights::Error for an org id that is invalid or the reserved disabled org.
void validate_orgs(const SyntheticExportOptions& options);

// A file written line by line; finish() reports any write error.
class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& file);
  void line(std::string_view text);
  void finish();

 private:
  void check(std::string_view action);
  std::filesystem::path path_;
  std::ofstream out_;
};

}  // namespace insights::meetings::synthetic_input
