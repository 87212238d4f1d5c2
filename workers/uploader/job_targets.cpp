#include "workers/uploader/job_targets.h"

#include <fmt/format.h>

#include "workers/uploader/dataset_alias.h"

namespace insights::uploader {
namespace {

// Orgs that share login and credentials share a connection (and its token).
std::string connection_key(const OrgSettings& org) {
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}", org.login_url, org.auth_flow, org.client_id, org.client_secret_env,
                     org.client_secret_file, org.username, org.jwt_key_file);
}

std::string pick(const std::map<std::string, std::string>& per_dataset, const std::string& dataset,
                 const std::string& fallback) {
  auto it = per_dataset.find(dataset);
  return it != per_dataset.end() ? it->second : fallback;
}

}  // namespace

JobTargets::JobTargets(salesforce::Client& client, UsageReader* usage, UploadSettings defaults)
    : defaults_(std::move(defaults)), shared_client_(&client), shared_usage_(usage) {}

JobTargets::JobTargets(Connection shared, UploadSettings defaults)
    : defaults_(std::move(defaults)),
      owned_shared_(std::move(shared)),
      shared_client_(owned_shared_.client.get()),
      shared_usage_(owned_shared_.usage.get()) {}

JobTargets::JobTargets(OrgsFile orgs, UploadSettings defaults, const ConnectionFactory& factory)
    : defaults_(std::move(defaults)), orgs_(std::move(orgs)) {
  for (const auto& [name, org] : orgs_->orgs) {
    const std::string key = connection_key(org);
    if (!connections_.count(key)) connections_.emplace(key, factory(org));
  }
}

JobTarget JobTargets::resolve(const schema::JobKey& job, const std::string& job_operation) {
  JobTarget target;
  if (!orgs_) {
    target.client = shared_client_;
    target.usage = shared_usage_;
    target.alias = dataset_alias(defaults_.alias_template, job.org, job.dataset);
    target.app = defaults_.app;
    target.operation = job_operation;
    return target;
  }
  auto it = orgs_->orgs.find(job.org);
  if (it == orgs_->orgs.end()) {
    throw OrgNotConfigured(fmt::format("organisation '{}' is not configured in salesforce.orgs_file {}: add an [{}] "
                                       "table with its login and credentials, then replay the job",
                                       job.org, orgs_->path.string(), job.org));
  }
  const OrgSettings& org = it->second;
  Connection& connection = connections_.at(connection_key(org));
  target.client = connection.client.get();
  target.usage = connection.usage.get();
  const auto alias = org.aliases.find(job.dataset);
  target.alias = alias != org.aliases.end() ? dataset_alias(alias->second, job.org, job.dataset)
                                            : dataset_alias(defaults_.alias_template, job.org, job.dataset);
  target.app = org.app.empty() ? defaults_.app : org.app;
  target.operation = pick(org.operations, job.dataset, org.operation.empty() ? job_operation : org.operation);
  return target;
}

}  // namespace insights::uploader
