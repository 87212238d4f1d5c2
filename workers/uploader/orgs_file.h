#pragma once
#include <filesystem>
#include <map>
#include <string>

namespace insights::uploader {

// Where one organisation's data goes (docs/uploader.md, "The organisations file"). Secrets are never stored here,
// only where to find them: an environment variable's name or a file's path.
struct OrgSettings {
  std::string name;
  std::string login_url;
  std::string auth_flow = "client_credentials";  // or jwt
  std::string client_id;
  std::string client_secret_env;   // client credentials: the variable that holds the secret
  std::string client_secret_file;  // ... or the file that does
  std::string username;            // jwt: the user signed in as
  std::string jwt_audience;        // jwt: empty = salesforce.jwt_audience
  std::string jwt_key_file;        // jwt: PEM private key
  std::string app;                 // EdgemartContainer for every dataset of the org
  std::string operation;           // overrides the job's operation; empty = the job manifest's
  std::map<std::string, std::string> aliases;     // dataset -> EdgemartAlias
  std::map<std::string, std::string> operations;  // dataset -> operation override
};

struct OrgsFile {
  std::filesystem::path path;
  std::map<std::string, OrgSettings> orgs;
};

// Parses salesforce.orgs_file. Throws insights::Error naming the file, the org and the key for syntax errors, unknown
// keys, missing login_url or credentials, and a secret written into the file instead of its env var or file.
OrgsFile read_orgs_file(const std::filesystem::path& path);
OrgsFile parse_orgs_file(std::string_view toml_text, const std::filesystem::path& path);

}  // namespace insights::uploader
