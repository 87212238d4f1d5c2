#pragma once
#include <filesystem>
#include <string_view>

#include "shared/chunkstore/unique_fd.h"

namespace insights::chunkstore {

// A uniquely named file in the target's directory, published by an atomic rename; removed on destruction
// unless published. The name starts with '.', which no validated id can, so it never looks like a chunk.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& target);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  TempFile(TempFile&&) = delete;
  TempFile& operator=(TempFile&&) = delete;

  void write(std::string_view bytes);
  // fsync, close, rename over the target. The caller syncs the directory.
  void publish();

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path path_;
  UniqueFd fd_;
  bool published_ = false;
};

}  // namespace insights::chunkstore
