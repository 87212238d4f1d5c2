#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace insights::meetings {

// Per-organisation watermarks: the last_modified (UTC, "YYYY-MM-DDTHH:MM:SSZ") of the newest change already
// delivered. One small JSON file per org, <dir>/<org>.json, replaced atomically (temp file, fsync, rename,
// directory fsync) so a crash leaves the old or the new watermark, never a torn one. One producer per org at a
// time: concurrent advances of the same org are not serialised.
class WatermarkStore {
 public:
  explicit WatermarkStore(std::filesystem::path dir);

  // Empty when the org has never been exported. Throws insights::Error when the file is unreadable or corrupt.
  std::optional<std::string> get(const std::string& org) const;

  // Call only after the run's run_end was delivered. A value not newer than the stored one is ignored, so the
  // watermark never moves backwards.
  void advance(const std::string& org, const std::string& last_modified);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path file_of(const std::string& org) const;

  std::filesystem::path dir_;
};

}  // namespace insights::meetings
