#include "shared/chunkstore/temp_file.h"

#include <stdlib.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <string>

#include "shared/chunkstore/posix_io.h"
#include "shared/util/error.h"

namespace insights::chunkstore {

TempFile::TempFile(const std::filesystem::path& target) : target_(target) {
  std::string pattern = (target.parent_path() / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  fd_.reset(::mkostemp(pattern.data(), O_CLOEXEC));
  if (!fd_) throw_errno("create a temporary file", pattern, errno);
  path_ = pattern;
}

TempFile::~TempFile() {
  if (published_) return;
  fd_.reset();
  ::unlink(path_.c_str());  // best effort: a destructor must not throw, and the name is never read
}

void TempFile::write(std::string_view bytes) {
  if (published_) throw Error("chunk store: write to a temporary file after it was published");
  write_all(fd_.get(), bytes, path_);
}

void TempFile::publish() {
  if (published_) throw Error("chunk store: temporary file published twice");
  sync_file(fd_.get(), path_);
  close_checked(fd_, path_);
  rename_file(path_, target_);
  published_ = true;
}

}  // namespace insights::chunkstore
