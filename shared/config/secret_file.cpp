#include "shared/config/secret_file.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "shared/util/error.h"

namespace insights::config {

std::string read_secret_file(const std::filesystem::path& path, std::string_view named_by) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(fmt::format("secret file '{}' named by {} does not exist or is not a regular file; check the path",
                            path.string(), named_by));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(fmt::format("secret file '{}' named by {} cannot be opened: {}; check the path and its permissions",
                            path.string(), named_by, std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string secret = std::move(text).str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

}  // namespace insights::config
