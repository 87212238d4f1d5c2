#include "shared/chunkstore/posix_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <system_error>

#include "shared/util/error.h"

namespace insights::chunkstore {

namespace fs = std::filesystem;

void throw_errno(std::string_view action, const fs::path& path, int error_number) {
  throw Error(fmt::format("chunk store: cannot {} '{}': {}; check that the chunk store volume is mounted, writable "
                          "and not full",
                          action, path.string(), std::system_category().message(error_number)));
}

UniqueFd open_if_exists(const fs::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd && errno != ENOENT) throw_errno("open", path, errno);
  return fd;
}

void write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("write", path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::size_t read_some(int fd, char* buf, std::size_t n, const fs::path& path) {
  while (true) {
    const ssize_t got = ::read(fd, buf, n);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) throw_errno("read", path, errno);
  }
}

void sync_file(int fd, const fs::path& path) {
  if (::fsync(fd) != 0) throw_errno("fsync", path, errno);
}

void close_checked(UniqueFd& fd, const fs::path& path) {
  if (::close(fd.release()) != 0) throw_errno("close", path, errno);
}

void rename_file(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    throw_errno(fmt::format("rename to '{}'", to.string()), from, errno);
  }
}

bool remove_file(const fs::path& path) {
  if (::unlink(path.c_str()) == 0) return true;
  if (errno == ENOENT) return false;
  throw_errno("remove", path, errno);
}

void sync_directory(const fs::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) throw_errno("open directory", dir, errno);
  sync_file(fd.get(), dir);
}

void make_directories(const fs::path& dir) {
  fs::path current;
  for (const fs::path& part : dir) {
    current /= part;
    if (::mkdir(current.c_str(), 0755) == 0) {
      const fs::path parent = current.parent_path();
      sync_directory(parent.empty() ? fs::path(".") : parent);
    } else if (errno != EEXIST) {
      throw_errno("create directory", current, errno);
    }
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) throw_errno("stat", dir, errno);
  if (!S_ISDIR(st.st_mode)) throw_errno("use as a directory", dir, ENOTDIR);
}

std::optional<std::uint64_t> size_if_exists(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    throw_errno("stat", path, errno);
  }
  return static_cast<std::uint64_t>(st.st_size);
}

std::uint64_t open_file_size(int fd, const fs::path& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw_errno("stat", path, errno);
  return static_cast<std::uint64_t>(st.st_size);
}

std::optional<std::string> read_whole_file(const fs::path& path) {
  UniqueFd fd = open_if_exists(path);
  if (!fd) return std::nullopt;
  std::string content;
  char buffer[4096];
  while (const std::size_t n = read_some(fd.get(), buffer, sizeof buffer, path)) content.append(buffer, n);
  return content;
}

}  // namespace insights::chunkstore
