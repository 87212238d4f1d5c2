#pragma once
#include "emulator/data_path.h"
#include "emulator/http_exchange.h"
#include "emulator/query_cursors.h"
#include "emulator/sobject_store.h"

namespace insights::emulator {

// /services/data/vNN.0/sobjects/... and /query for the two External Data objects (§2). Throws ApiError
// for every refusal; the caller renders it. Query results over `page_size` records come in pages linked by
// nextRecordsUrl (/query/{locator}-{offset}).
class SobjectEndpoint {
 public:
  SobjectEndpoint(SobjectStore& store, QueryCursors& cursors, std::size_t page_size);

  HttpReply handle(const HttpRequest& request, const DataPath& path) const;

 private:
  HttpReply on_collection(const HttpRequest& request, const ObjectDef& object) const;
  HttpReply on_record(const HttpRequest& request, const ObjectDef& object, const std::string& id, int version) const;
  HttpReply on_blob(const HttpRequest& request, const ObjectDef& object, const std::string& id,
                    const std::string& field) const;
  HttpReply on_query(const HttpRequest& request, int version) const;
  HttpReply on_next_page(const HttpRequest& request, const std::string& cursor, int version) const;
  HttpReply page(const QueryResult& result, const std::string& locator, std::size_t offset, int version) const;

  SobjectStore& store_;
  QueryCursors& cursors_;
  std::size_t page_size_;
};

}  // namespace insights::emulator
