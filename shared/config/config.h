#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/config/config_keys.h"
#include "shared/config/key_names.h"

namespace insights::config {

enum class Source { Default, File, Environment, Flag };
std::string_view to_string(Source source);

// Names the config file; read by the command line, never treated as a config key.
inline constexpr std::string_view kConfigFileVariable = "INSIGHTS_CONFIG";

// INSIGHTS_* variables that belong to the project's scripts and tests, not to the configuration; any other
// INSIGHTS_* variable must name a config key, so that a typo is an error rather than a silently ignored setting.
inline constexpr std::string_view kToolingVariables[] = {
    "INSIGHTS_CACHE_DIR", "INSIGHTS_KAFKA_STATE", "INSIGHTS_E2E_BOOTSTRAP", "INSIGHTS_SKIP_SANITIZERS",
    "INSIGHTS_BUILD_JOBS", "INSIGHTS_TEST_KAFKA_PORT", "INSIGHTS_TEST_KAFKA_CONTROLLER_PORT",
    "INSIGHTS_S3_ENDPOINT", "INSIGHTS_S3_STATE", "INSIGHTS_S3_ACCESS_KEY_ID", "INSIGHTS_S3_SECRET_ACCESS_KEY",
    "INSIGHTS_TEST_S3_PORT"};
bool is_tooling_variable(std::string_view name);

// The effective configuration: every declared key has a value and knows where it came from.
class Config {
 public:
  // Precedence: defaults < file < environment < overrides ("key=value", from --set and dedicated flags; later
  // ones win). A secret key may also be given as "<key>_file" (INSIGHTS_<KEY>_FILE) naming a file that holds it.
  // Unknown keys, a missing file, TOML syntax errors and unreadable secret files throw insights::Error naming
  // the key and the place; all problems found are reported together.
  static Config load(const std::vector<KeyDef>& defs, const std::optional<std::filesystem::path>& file,
                     const std::map<std::string, std::string>& environment,
                     const std::vector<std::string>& overrides);

  // The INSIGHTS_* variables of this process.
  static std::map<std::string, std::string> process_environment();

  std::string get(std::string_view key) const;  // throws for undeclared keys (a programming error)
  std::int64_t get_int(std::string_view key) const;
  double get_double(std::string_view key) const;
  bool get_bool(std::string_view key) const;                            // true/false/1/0/yes/no
  std::chrono::milliseconds get_duration(std::string_view key) const;   // "500ms", "30s", "5m", "2h", "7d"
  Source source(std::string_view key) const;

  // "key = value (source)" lines in key order; secrets that are set show as "***".
  std::string describe() const;

  // Programmatic override, recorded as Source::Flag.
  void set(std::string_view key, std::string value);

 private:
  friend class ConfigLoader;
  Config() = default;

  struct Entry {
    std::string value;
    Source source = Source::Default;
    std::string origin;  // where exactly, e.g. "file /etc/insights.toml:3"
    bool secret = false;
  };

  const Entry& entry(std::string_view key) const;
  template <class T>
  T parse_as(std::string_view key, std::optional<T> (*parser)(std::string_view), std::string_view expected) const;

  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace insights::config
