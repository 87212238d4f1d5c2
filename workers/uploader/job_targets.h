#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "shared/salesforce/client.h"
#include "shared/schema/manifest.h"
#include "workers/uploader/job_upload.h"
#include "workers/uploader/orgs_file.h"
#include "workers/uploader/usage_reader.h"

namespace insights::uploader {

// A job of an organisation that salesforce.orgs_file does not name: refused at once, never retried.
class OrgNotConfigured : public Error {
 public:
  using Error::Error;
};

// What talks to one Salesforce org (one per login URL and credentials).
struct Connection {
  std::unique_ptr<salesforce::Client> client;
  std::unique_ptr<UsageReader> usage;  // null: quotas are not read for this org
};

// Resolves each job to its org's client, alias, app and operation: from salesforce.orgs_file when one is given,
// else from the global salesforce.* settings for every org.
class JobTargets {
 public:
  using ConnectionFactory = std::function<Connection(const OrgSettings&)>;

  // Every org through one client and the global settings; `usage` may be null.
  JobTargets(salesforce::Client& client, UsageReader* usage, UploadSettings defaults);
  JobTargets(Connection shared, UploadSettings defaults);
  // Orgs from the file; connections are made here (so bad credentials fail at start-up) and shared by orgs with
  // the same login and credentials.
  JobTargets(OrgsFile orgs, UploadSettings defaults, const ConnectionFactory& factory);
  JobTargets(const JobTargets&) = delete;
  JobTargets& operator=(const JobTargets&) = delete;

  // Throws OrgNotConfigured for an org the file does not name, insights::Error for a bad alias.
  JobTarget resolve(const schema::JobKey& job, const std::string& job_operation);

  bool per_org() const { return orgs_.has_value(); }
  std::size_t connections() const { return connections_.size(); }

 private:
  UploadSettings defaults_;
  Connection owned_shared_;
  salesforce::Client* shared_client_ = nullptr;
  UsageReader* shared_usage_ = nullptr;
  std::optional<OrgsFile> orgs_;
  std::map<std::string, Connection> connections_;  // by login URL and credentials
};

}  // namespace insights::uploader
