#include "workers/uploader/dataset_alias.h"

#include <fmt/format.h>

#include "shared/util/error.h"

namespace insights::uploader {
namespace {

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool follows_naming_rules(std::string_view alias) {
  if (alias.empty() || alias.size() > 80 || !((alias[0] >= 'a' && alias[0] <= 'z') || (alias[0] >= 'A' && alias[0] <= 'Z'))) {
    return false;
  }
  for (std::size_t i = 0; i < alias.size(); ++i) {
    if (alias[i] == '_') {
      if (i + 1 == alias.size() || alias[i + 1] == '_') return false;
    } else if (!is_alnum(alias[i])) {
      return false;
    }
  }
  return !alias.ends_with("__c");
}

}  // namespace

std::string dataset_alias(std::string_view alias_template, std::string_view org, std::string_view dataset) {
  std::string alias = replace_all(replace_all(std::string(alias_template), "{org}", org), "{dataset}", dataset);
  for (char& c : alias) {
    if (c == '-') c = '_';
  }
  if (!follows_naming_rules(alias)) {
    throw Error(fmt::format("dataset alias '{}' (from salesforce.alias_template '{}' for org {}) breaks CRM Analytics "
                            "naming rules: use letters, digits and single underscores, start with a letter, end "
                            "without '_', at most 80 characters",
                            alias, alias_template, org));
  }
  return alias;
}

}  // namespace insights::uploader
