#pragma once
#include <filesystem>

#include "shared/chunkstore/chunk_store.h"
#include "shared/chunkstore/unique_fd.h"

namespace insights::chunkstore {

class FileChunkReader : public ChunkReader {
 public:
  // Takes an open descriptor of the chunk's data file; `path` is for error messages.
  FileChunkReader(UniqueFd fd, std::filesystem::path path);

  std::size_t read(char* buf, std::size_t n) override;

 private:
  UniqueFd fd_;
  std::filesystem::path path_;
};

}  // namespace insights::chunkstore
