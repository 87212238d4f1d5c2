#pragma once
#include <string>
#include <vector>

namespace insights::config {

// One configuration key. The registry of these is the single source of truth for keys, defaults and docs.
struct KeyDef {
  std::string key;  // "section.name", lower case
  std::string default_value;
  std::string description;
  bool secret = false;  // never printed; may also be read from a file named by "<key>_file"
};

// The project's registry of configuration keys.
const std::vector<KeyDef>& key_definitions();

}  // namespace insights::config
