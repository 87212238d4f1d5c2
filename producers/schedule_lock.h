#pragma once
#include <filesystem>
#include <string>

namespace insights::producers {

// An exclusive lock on <dir>/schedule-<dataset>.lock for as long as it lives, so two scheduled producers of one
// dataset sharing a state directory never run at once. The kernel drops it when the process dies.
class ScheduleLock {
 public:
  // Throws insights::Error when another process holds it or the file cannot be opened.
  ScheduleLock(const std::filesystem::path& dir, const std::string& dataset);
  ~ScheduleLock();
  ScheduleLock(const ScheduleLock&) = delete;
  ScheduleLock& operator=(const ScheduleLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace insights::producers
