#include "shared/config/config.h"

#include <fmt/format.h>

#include "shared/config/value_parsers.h"
#include "shared/util/error.h"

namespace insights::config {

namespace {

constexpr std::string_view kHidden = "***";

std::string shown_value(const std::string& value, bool secret) {
  if (value.empty()) return "\"\"";
  return secret ? std::string(kHidden) : value;
}

Error undeclared_key(std::string_view key) {
  return Error(fmt::format("config key '{}' is not declared; add it to the registry in shared/config/config_keys.cpp",
                           key));
}

}  // namespace

std::string_view to_string(Source source) {
  switch (source) {
    case Source::Default: return "default";
    case Source::File: return "file";
    case Source::Environment: return "environment";
    case Source::Flag: return "flag";
  }
  return "unknown";
}

const Config::Entry& Config::entry(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) throw undeclared_key(key);
  return it->second;
}

template <class T>
T Config::parse_as(std::string_view key, std::optional<T> (*parser)(std::string_view),
                   std::string_view expected) const {
  const Entry& e = entry(key);
  if (const auto parsed = parser(e.value)) return *parsed;
  throw Error(fmt::format("config key '{}' = '{}' ({}) is not {}; fix the value where it is set", key,
                          e.secret ? std::string(kHidden) : e.value, e.origin, expected));
}

std::string Config::get(std::string_view key) const { return entry(key).value; }

std::int64_t Config::get_int(std::string_view key) const {
  return parse_as<std::int64_t>(key, &parse_int, "an integer");
}

double Config::get_double(std::string_view key) const { return parse_as<double>(key, &parse_double, "a number"); }

bool Config::get_bool(std::string_view key) const {
  return parse_as<bool>(key, &parse_bool, "a boolean (true/false, yes/no, 1/0)");
}

std::chrono::milliseconds Config::get_duration(std::string_view key) const {
  return parse_as<std::chrono::milliseconds>(key, &parse_duration,
                                             "a duration (a number with a unit: ms, s, m, h, d, e.g. 30s or 1h30m)");
}

Source Config::source(std::string_view key) const { return entry(key).source; }

std::string Config::describe() const {
  std::string out;
  for (const auto& [key, e] : entries_) {
    out += fmt::format("{} = {} ({})\n", key, shown_value(e.value, e.secret), e.origin);
  }
  return out;
}

void Config::set(std::string_view key, std::string value) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) throw undeclared_key(key);
  it->second.value = std::move(value);
  it->second.source = Source::Flag;
  it->second.origin = "flag";
}

bool is_tooling_variable(std::string_view name) {
  for (auto tooling : kToolingVariables) {
    if (name == tooling) return true;
  }
  return false;
}

}  // namespace insights::config
