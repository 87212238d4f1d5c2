#pragma once
#include "emulator/dataset_store.h"
#include "emulator/fault_injector.h"
#include "emulator/http_exchange.h"
#include "emulator/request_log.h"
#include "emulator/sobject_store.h"

namespace insights::emulator {

// The project's own read-back endpoints for tests and the demo (not Salesforce API):
// GET /__admin/datasets/{alias}[?limit=N], GET /__admin/headers, GET|POST|DELETE /__admin/faults and
// GET /__admin/requests[?since=N].
class AdminEndpoint {
 public:
  AdminEndpoint(const DatasetStore& datasets, const SobjectStore& headers, FaultInjector& faults,
                const RequestLog& requests);

  HttpReply handle(const HttpRequest& request) const;

 private:
  HttpReply dataset(const std::string& alias, const HttpRequest& request) const;
  HttpReply headers() const;
  HttpReply faults(const HttpRequest& request) const;
  HttpReply fault_list() const;
  HttpReply requests(const HttpRequest& request) const;

  const DatasetStore& datasets_;
  const SobjectStore& headers_;
  FaultInjector& faults_;
  const RequestLog& requests_;
};

}  // namespace insights::emulator
