#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace insights::producers {

// What the last run of one organisation's dataset produced.
struct RunCount {
  std::string run_id;
  std::uint64_t rows = 0;
  std::string at;                       // UTC ISO-8601, when the run was recorded
  std::optional<std::uint64_t> baseline;  // the previous run's rows, kept so a re-run of the same run id compares
                                          // against the run before it, not against itself
  bool operator==(const RunCount&) const = default;
};

// The last row counts of one dataset by organisation, in <dir>/run-counts-<dataset>.json, replaced atomically
// (temp file, fsync, rename, directory fsync) so a crash leaves the old or the new file, never a torn one.
class RunCountStore {
 public:
  RunCountStore(std::filesystem::path dir, std::string dataset);

  // Empty when no run was recorded yet. Throws insights::Error naming the file when it is corrupt.
  std::map<std::string, RunCount> load() const;
  void save(const std::map<std::string, RunCount>& counts) const;
  std::filesystem::path file() const;

 private:
  std::filesystem::path dir_;
  std::string dataset_;
};

}  // namespace insights::producers
