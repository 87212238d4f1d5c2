#pragma once
#include "emulator/data_path.h"
#include "emulator/http_exchange.h"
#include "emulator/sobject_store.h"

namespace insights::emulator {

// /services/data/vNN.0/sobjects/... and /query for the two External Data objects (§2). Throws ApiError
// for every refusal; the caller renders it.
class SobjectEndpoint {
 public:
  explicit SobjectEndpoint(SobjectStore& store);

  HttpReply handle(const HttpRequest& request, const DataPath& path) const;

 private:
  HttpReply on_collection(const HttpRequest& request, const ObjectDef& object) const;
  HttpReply on_record(const HttpRequest& request, const ObjectDef& object, const std::string& id, int version) const;
  HttpReply on_blob(const HttpRequest& request, const ObjectDef& object, const std::string& id,
                    const std::string& field) const;
  HttpReply on_query(const HttpRequest& request, int version) const;

  SobjectStore& store_;
};

}  // namespace insights::emulator
