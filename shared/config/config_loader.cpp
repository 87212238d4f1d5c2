// Config::load: layers defaults, file, environment and overrides, collecting every problem before failing.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <utility>

#include "shared/config/config.h"
#include "shared/config/secret_file.h"
#include "shared/config/toml_file.h"
#include "shared/util/error.h"

namespace insights::config {

namespace {

constexpr std::string_view kFileSuffix = "_file";
constexpr std::string_view kEnvFileSuffix = "_FILE";

bool valid_key(std::string_view key) {
  if (key.empty() || key.front() == '.' || key.back() == '.') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

// How a name given in some place maps to a declared key.
struct Target {
  std::string key;
  bool via_file = false;  // "<secret>_file": the value is a path to the secret
};

}  // namespace

class ConfigLoader {
 public:
  explicit ConfigLoader(const std::vector<KeyDef>& defs) {
    for (const auto& def : defs) declare(def);
  }

  void apply_file(const std::filesystem::path& path) {
    std::vector<TomlEntry> entries;
    try {
      entries = read_toml_file(path);
    } catch (const Error& e) {
      problems_.emplace_back(e.what());
      return;
    }
    std::set<std::string> seen;
    for (const auto& e : entries) {
      const std::string origin = fmt::format("file {}:{}", path.string(), e.line);
      const auto target = lookup(e.key, names_);
      if (!target) {
        problems_.push_back(fmt::format("config file '{}' line {}: unknown key '{}'{}; fix or remove it",
                                        path.string(), e.line, e.key, did_you_mean(e.key, known_names_)));
        continue;
      }
      if (!e.unsupported_type.empty()) {
        problems_.push_back(fmt::format("config file '{}' line {}: '{}' holds {}, which no config key accepts; write "
                                        "it as a string, number or boolean",
                                        path.string(), e.line, e.key, e.unsupported_type));
        continue;
      }
      if (!seen.insert(target->key).second) {
        problems_.push_back(fmt::format("config file '{}' line {}: '{}' is set both directly and through '{}{}'; "
                                        "keep one of them",
                                        path.string(), e.line, target->key, target->key, kFileSuffix));
        continue;
      }
      assign(*target, e.value, Source::File, origin);
    }
  }

  void apply_environment(const std::map<std::string, std::string>& environment) {
    std::set<std::string> seen;
    for (const auto& [name, value] : environment) {
      if (!name.starts_with("INSIGHTS_") || name == kConfigFileVariable || is_tooling_variable(name)) continue;
      const auto target = lookup(name, env_names_);
      if (!target) {
        problems_.push_back(fmt::format("environment variable {} is not a config key{}; unset it or fix its name",
                                        name, did_you_mean(name, known_env_names_)));
        continue;
      }
      if (!seen.insert(target->key).second) {
        problems_.push_back(fmt::format("environment variables {} and {}{} are both set; set only one of them",
                                        env_name(target->key), env_name(target->key), kEnvFileSuffix));
        continue;
      }
      assign(*target, value, Source::Environment, fmt::format("environment {}", name));
    }
  }

  void apply_overrides(const std::vector<std::string>& overrides) {
    for (std::size_t i = 0; i < overrides.size(); ++i) {
      const std::string_view text = overrides[i];
      const auto eq = text.find('=');
      if (eq == std::string_view::npos) {
        // The text may be a secret typed without its key, so it is not echoed.
        problems_.push_back(fmt::format("command-line override #{} has no '='; write it as key=value", i + 1));
        continue;
      }
      const std::string name(text.substr(0, eq));
      const auto target = lookup(name, names_);
      if (!target) {
        problems_.push_back(fmt::format("command-line override: unknown key '{}'{}; fix its name", name,
                                        did_you_mean(name, known_names_)));
        continue;
      }
      assign(*target, std::string(text.substr(eq + 1)), Source::Flag, "flag");
    }
  }

  Config finish() && {
    if (!problems_.empty()) {
      if (problems_.size() == 1) throw Error(problems_.front());
      throw Error(fmt::format("the configuration has {} problems:\n  - {}", problems_.size(),
                              fmt::join(problems_, "\n  - ")));
    }
    Config config;
    config.entries_ = std::move(entries_);
    return config;
  }

 private:
  void declare(const KeyDef& def) {
    if (!valid_key(def.key)) {
      problems_.push_back(fmt::format("config key registry: '{}' is not a valid key (lower-case letters, digits, "
                                      "'_' and '.'); rename it in the registry",
                                      def.key));
      return;
    }
    if (!entries_.emplace(def.key, Config::Entry{def.default_value, Source::Default, "default", def.secret}).second) {
      problems_.push_back(fmt::format("config key registry: '{}' is declared twice; remove one", def.key));
      return;
    }
    add_name(def.key, Target{def.key, false});
    if (def.secret) add_name(def.key + std::string(kFileSuffix), Target{def.key, true});
  }

  void add_name(const std::string& name, const Target& target) {
    names_.emplace(name, target);
    known_names_.push_back(name);
    const std::string env = env_name(name);
    if (!env_names_.emplace(env, target).second) {
      problems_.push_back(fmt::format("config key registry: '{}' has the same environment variable {} as another "
                                      "key; rename one of them",
                                      name, env));
    }
    known_env_names_.push_back(env);
  }

  static std::optional<Target> lookup(const std::string& name, const std::map<std::string, Target>& table) {
    const auto it = table.find(name);
    if (it == table.end()) return std::nullopt;
    return it->second;
  }

  void assign(const Target& target, std::string value, Source source, std::string origin) {
    if (target.via_file) {
      try {
        value = read_secret_file(value, origin);
      } catch (const Error& e) {
        problems_.emplace_back(e.what());
        return;
      }
    }
    auto& entry = entries_.at(target.key);
    entry.value = std::move(value);
    entry.source = source;
    entry.origin = std::move(origin);
  }

  std::map<std::string, Config::Entry, std::less<>> entries_;
  std::map<std::string, Target> names_;      // file and override spelling
  std::map<std::string, Target> env_names_;  // INSIGHTS_* spelling
  std::vector<std::string> known_names_;
  std::vector<std::string> known_env_names_;
  std::vector<std::string> problems_;
};

Config Config::load(const std::vector<KeyDef>& defs, const std::optional<std::filesystem::path>& file,
                    const std::map<std::string, std::string>& environment,
                    const std::vector<std::string>& overrides) {
  ConfigLoader loader(defs);
  if (file) loader.apply_file(*file);
  loader.apply_environment(environment);
  loader.apply_overrides(overrides);
  return std::move(loader).finish();
}

}  // namespace insights::config
