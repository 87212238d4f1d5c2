#include "producers/schedule_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "shared/chunkstore/posix_io.h"
#include "shared/util/error.h"

namespace insights::producers {

ScheduleLock::ScheduleLock(const std::filesystem::path& dir, const std::string& dataset) {
  chunkstore::make_directories(dir);
  const auto path = dir / fmt::format("schedule-{}.lock", dataset);
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw Error(fmt::format("cannot open the schedule lock {}: {}; check the state directory's permissions", path.string(),
                            std::strerror(errno)));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) {
      throw Error(fmt::format("another scheduled {} producer already runs with the state directory {} (it holds {}); "
                              "stop it first, or give this one its own --state-dir",
                              dataset, dir.string(), path.string()));
    }
    throw Error(fmt::format("cannot lock {}: {}", path.string(), std::strerror(error)));
  }
}

ScheduleLock::~ScheduleLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace insights::producers
