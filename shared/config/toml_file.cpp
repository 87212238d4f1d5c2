#include "shared/config/toml_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "shared/util/error.h"

namespace insights::config {

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(fmt::format("config file '{}' does not exist or is not a regular file; check the path given "
                            "for the config file",
                            path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(fmt::format("config file '{}' cannot be opened: {}; check its permissions", path.string(),
                            std::strerror(errno)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

std::string_view type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "a value of unsupported type";
  }
}

TomlEntry leaf_entry(std::string key, const toml::node& node, std::uint32_t line) {
  TomlEntry entry{std::move(key), {}, line, {}};
  if (const auto* s = node.as_string()) {
    entry.value = s->get();
  } else if (const auto* i = node.as_integer()) {
    entry.value = fmt::format("{}", i->get());
  } else if (const auto* f = node.as_floating_point()) {
    entry.value = fmt::format("{}", f->get());
  } else if (const auto* b = node.as_boolean()) {
    entry.value = b->get() ? "true" : "false";
  } else {
    entry.unsupported_type = type_name(node.type());
  }
  return entry;
}

void flatten(const toml::table& table, const std::string& prefix, std::vector<TomlEntry>& out) {
  for (const auto& [name, node] : table) {
    std::string key = prefix.empty() ? std::string(name.str()) : fmt::format("{}.{}", prefix, name.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, key, out);
      continue;
    }
    const auto line = name.source().begin.line != 0 ? name.source().begin.line : node.source().begin.line;
    out.push_back(leaf_entry(std::move(key), node, line));
  }
}

}  // namespace

std::vector<TomlEntry> read_toml_file(const std::filesystem::path& path) {
  const std::string text = read_text(path);
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    throw Error(fmt::format("config file '{}' line {}, column {}: TOML syntax error: {}; fix the file", path.string(),
                            e.source().begin.line, e.source().begin.column, e.description()));
  }
  std::vector<TomlEntry> out;
  flatten(root, "", out);
  // Tables iterate by name; report in the order a reader of the file sees.
  std::stable_sort(out.begin(), out.end(), [](const TomlEntry& a, const TomlEntry& b) { return a.line < b.line; });
  return out;
}

}  // namespace insights::config
