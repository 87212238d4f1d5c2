#include "workers/uploader/orgs_file.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <set>
#include <toml++/toml.h>

#include "shared/util/error.h"

namespace insights::uploader {
namespace {

const std::set<std::string, std::less<>> kOrgKeys = {
    "login_url", "auth_flow", "client_id", "client_secret_env", "client_secret_file", "username",
    "jwt_audience", "jwt_key_file", "app", "operation", "datasets"};
const std::set<std::string, std::less<>> kDatasetKeys = {"alias", "operation"};
const std::set<std::string, std::less<>> kOperations = {"Overwrite", "Append", "Upsert", "Delete"};

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& where, const std::string& what) {
  throw Error(fmt::format("salesforce.orgs_file {}: {}: {}", path.string(), where, what));
}

std::string text(const toml::table& table, std::string_view key, const std::filesystem::path& path,
                 const std::string& where) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  if (!node->is_string()) fail(path, where, fmt::format("'{}' must be a string", key));
  return std::string(node->value<std::string>().value_or(""));
}

void check_keys(const toml::table& table, const std::set<std::string, std::less<>>& allowed,
                const std::filesystem::path& path, const std::string& where) {
  for (const auto& [key, node] : table) {
    if (allowed.count(key.str())) continue;
    if (key.str() == "client_secret") {
      fail(path, where, "a secret may not be written into the file; name its environment variable "
                        "(client_secret_env) or a file that holds it (client_secret_file)");
    }
    fail(path, where, fmt::format("unknown key '{}'", key.str()));
  }
}

void check_operation(const std::string& operation, const std::filesystem::path& path, const std::string& where) {
  if (!operation.empty() && !kOperations.count(operation)) {
    fail(path, where, fmt::format("operation '{}' is not one of Overwrite, Append, Upsert, Delete", operation));
  }
}

void read_datasets(const toml::table& datasets, OrgSettings& org, const std::filesystem::path& path) {
  for (const auto& [name, node] : datasets) {
    const std::string where = fmt::format("[{}.datasets.{}]", org.name, name.str());
    const auto* table = node.as_table();
    if (table == nullptr) fail(path, where, "must be a table with alias and/or operation");
    check_keys(*table, kDatasetKeys, path, where);
    if (auto alias = text(*table, "alias", path, where); !alias.empty()) org.aliases[std::string(name.str())] = alias;
    if (auto op = text(*table, "operation", path, where); !op.empty()) {
      check_operation(op, path, where);
      org.operations[std::string(name.str())] = op;
    }
  }
}

void check_credentials(const OrgSettings& org, const std::filesystem::path& path, const std::string& where) {
  if (org.login_url.empty()) fail(path, where, "login_url is missing");
  if (org.client_id.empty()) fail(path, where, "client_id is missing");
  if (org.auth_flow == "client_credentials") {
    if (org.client_secret_env.empty() == org.client_secret_file.empty()) {
      fail(path, where, "give exactly one of client_secret_env (a variable's name) and client_secret_file (a path)");
    }
  } else if (org.auth_flow == "jwt") {
    if (org.username.empty() || org.jwt_key_file.empty()) fail(path, where, "the jwt flow needs username and jwt_key_file");
  } else {
    fail(path, where, fmt::format("auth_flow '{}' is not client_credentials or jwt", org.auth_flow));
  }
}

OrgSettings read_org(std::string name, const toml::table& table, const std::filesystem::path& path) {
  const std::string where = fmt::format("[{}]", name);
  check_keys(table, kOrgKeys, path, where);
  OrgSettings org;
  org.name = std::move(name);
  org.login_url = text(table, "login_url", path, where);
  if (auto flow = text(table, "auth_flow", path, where); !flow.empty()) org.auth_flow = flow;
  org.client_id = text(table, "client_id", path, where);
  org.client_secret_env = text(table, "client_secret_env", path, where);
  org.client_secret_file = text(table, "client_secret_file", path, where);
  org.username = text(table, "username", path, where);
  org.jwt_audience = text(table, "jwt_audience", path, where);
  org.jwt_key_file = text(table, "jwt_key_file", path, where);
  org.app = text(table, "app", path, where);
  org.operation = text(table, "operation", path, where);
  check_operation(org.operation, path, where);
  if (const toml::node* datasets = table.get("datasets")) {
    if (!datasets->is_table()) fail(path, where, "'datasets' must be a table of dataset tables");
    read_datasets(*datasets->as_table(), org, path);
  }
  check_credentials(org, path, where);
  return org;
}

}  // namespace

OrgsFile parse_orgs_file(std::string_view toml_text, const std::filesystem::path& path) {
  toml::table root;
  try {
    root = toml::parse(toml_text, path.string());
  } catch (const toml::parse_error& e) {
    fail(path, fmt::format("line {}", e.source().begin.line), std::string(e.description()));
  }
  OrgsFile file{path, {}};
  for (const auto& [name, node] : root) {
    const auto* table = node.as_table();
    if (table == nullptr) fail(path, std::string(name.str()), "every top-level entry must be an organisation's table");
    file.orgs.emplace(std::string(name.str()), read_org(std::string(name.str()), *table, path));
  }
  if (file.orgs.empty()) fail(path, "the file", "names no organisation; add a table such as [acme]");
  return file;
}

OrgsFile read_orgs_file(const std::filesystem::path& path) {
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("salesforce.orgs_file {} cannot be read: check the path and its permissions", path.string()));
    content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return parse_orgs_file(content, path);
}

}  // namespace insights::uploader
