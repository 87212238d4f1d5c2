#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace insights::config {

// One leaf of a TOML file, flattened: `[kafka] bootstrap_servers = "x"` becomes key "kafka.bootstrap_servers".
struct TomlEntry {
  std::string key;
  std::string value;  // strings as written; integers, floats and booleans as their text
  std::uint32_t line = 0;
  std::string unsupported_type;  // "an array", "a date", ...: no key holds such a value; empty when fine
};

// Reads and flattens a config file. Throws insights::Error when the file is missing or unreadable, or when its
// syntax is wrong (naming file, line and column).
std::vector<TomlEntry> read_toml_file(const std::filesystem::path& path);

}  // namespace insights::config
