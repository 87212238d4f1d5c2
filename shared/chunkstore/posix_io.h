#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "shared/chunkstore/unique_fd.h"

namespace insights::chunkstore {

// Thin checked wrappers over POSIX calls; every failure throws insights::Error with the path and strerror.

[[noreturn]] void throw_errno(std::string_view action, const std::filesystem::path& path, int error_number);

// Returns an empty UniqueFd when the file does not exist.
UniqueFd open_if_exists(const std::filesystem::path& path);

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path);
std::size_t read_some(int fd, char* buf, std::size_t n, const std::filesystem::path& path);
void sync_file(int fd, const std::filesystem::path& path);
// close() can report a deferred write error (NFS), so the write path checks it.
void close_checked(UniqueFd& fd, const std::filesystem::path& path);
void rename_file(const std::filesystem::path& from, const std::filesystem::path& to);
// Returns false when the file did not exist.
bool remove_file(const std::filesystem::path& path);

void sync_directory(const std::filesystem::path& dir);
// Creates missing directories one level at a time, syncing each parent so the new entries survive a crash.
void make_directories(const std::filesystem::path& dir);

std::optional<std::uint64_t> size_if_exists(const std::filesystem::path& path);
std::uint64_t open_file_size(int fd, const std::filesystem::path& path);
std::optional<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace insights::chunkstore
