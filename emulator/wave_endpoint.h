#pragma once
#include "emulator/data_path.h"
#include "emulator/dataset_store.h"
#include "emulator/http_exchange.h"

namespace insights::emulator {

// The dataset row count as the Analytics REST API serves it: GET wave/datasets/{aliasOrId} for the current
// version, GET wave/datasets/{id}/versions/{versionId} for its totalRowCount (totalRows before API 53.0).
class WaveEndpoint {
 public:
  explicit WaveEndpoint(const DatasetStore& datasets);

  HttpReply handle(const HttpRequest& request, const DataPath& path) const;

 private:
  HttpReply dataset(const std::string& alias_or_id, int version) const;
  HttpReply dataset_version(const std::string& dataset_id, const std::string& version_id, int version) const;

  const DatasetStore& datasets_;
};

}  // namespace insights::emulator
