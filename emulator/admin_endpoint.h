#pragma once
#include "emulator/dataset_store.h"
#include "emulator/http_exchange.h"
#include "emulator/sobject_store.h"

namespace insights::emulator {

// The project's own read-back endpoints for tests and the demo (not Salesforce API):
// GET /__admin/datasets/{alias}[?limit=N] and GET /__admin/headers.
class AdminEndpoint {
 public:
  AdminEndpoint(const DatasetStore& datasets, const SobjectStore& headers);

  HttpReply handle(const HttpRequest& request) const;

 private:
  HttpReply dataset(const std::string& alias, const HttpRequest& request) const;
  HttpReply headers() const;

  const DatasetStore& datasets_;
  const SobjectStore& headers_;
};

}  // namespace insights::emulator
