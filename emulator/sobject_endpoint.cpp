#include "emulator/sobject_endpoint.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "emulator/api_error.h"
#include "emulator/body_reader.h"
#include "emulator/json_writer.h"
#include "emulator/record_id.h"
#include "emulator/soql_query.h"

namespace insights::emulator {

namespace {

ApiError method_not_allowed(const std::string& method, std::string_view allowed) {
  return ApiError(405, "METHOD_NOT_ALLOWED", fmt::format("HTTP Method '{}' not allowed. Allowed are {}", method, allowed));
}

const ObjectDef& object_named(const std::string& name) {
  const auto* object = find_object(name);
  if (object == nullptr) throw not_found();
  return *object;
}

std::string record_id(const ObjectDef& object, const std::string& text) {
  auto id = normalize_record_id(text);
  if (!id) {
    throw bad_request("MALFORMED_ID", fmt::format("{} id value of incorrect type: {}", object.name, text), {"Id"});
  }
  if (!id->starts_with(object.key_prefix)) throw not_found(fmt::format("Provided id {} is no {} id", text, object.name));
  return *id;
}

std::string record_url(const ObjectDef& object, const std::string& id, int version) {
  return fmt::format("{}/sobjects/{}/{}", version_prefix(version), object.name, id);
}

void write_value(JsonWriter& json, const FieldDef& field, const FieldValue& value, const std::string& url) {
  if (is_null(value)) {
    json.null();
  } else if (field.kind == FieldKind::Blob) {
    json.string(fmt::format("{}/{}", url, field.name));
  } else if (const auto* text = std::get_if<std::string>(&value)) {
    json.string(*text);
  } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
    json.integer(*number);
  } else {
    json.boolean(std::get<bool>(value));
  }
}

void write_record(JsonWriter& json, const ObjectDef& object, const SobjectRecord& record,
                  const std::vector<std::string>& fields, int version) {
  const auto url = record_url(object, record.id, version);
  json.begin_object();
  json.key("attributes").begin_object().key("type").string(object.name).key("url").string(url).end_object();
  const auto write_field = [&](const FieldDef& field) {
    const auto found = record.values.find(field.name);
    json.key(field.name);
    write_value(json, field, found == record.values.end() ? FieldValue{} : found->second, url);
  };
  if (fields.empty()) {
    for (const auto& field : object.fields) write_field(field);
  } else {
    for (const auto& name : fields) write_field(*object.find(name));
  }
  json.end_object();
}

std::vector<std::string> requested_fields(const HttpRequest& request, const ObjectDef& object) {
  std::vector<std::string> fields;
  const auto list = request.param("fields");
  if (!list) return fields;
  std::string_view rest = *list;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto name = rest.substr(0, comma);
    const auto* field = object.find(name);
    if (field == nullptr) {
      throw bad_request("INVALID_FIELD", fmt::format("No such column '{}' on sobject of type {}", name, object.name),
                        {std::string(name)});
    }
    fields.emplace_back(field->name);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return fields;
}

HttpReply created(const std::string& id) {
  JsonWriter json;
  json.begin_object().key("id").string(id).key("success").boolean(true).key("errors").begin_array().end_array();
  json.end_object();
  return HttpReply::json(201, json.take());
}

}  // namespace

SobjectEndpoint::SobjectEndpoint(SobjectStore& store, QueryCursors& cursors, std::size_t page_size)
    : store_(store), cursors_(cursors), page_size_(page_size == 0 ? 1 : page_size) {}

HttpReply SobjectEndpoint::handle(const HttpRequest& request, const DataPath& path) const {
  const auto& segments = path.segments;
  if (segments.size() == 1 && segments[0] == "query") return on_query(request, path.api_version);
  if (segments.size() == 2 && segments[0] == "query") return on_next_page(request, segments[1], path.api_version);
  if (segments.size() < 2 || segments[0] != "sobjects") throw not_found();
  const auto& object = object_named(segments[1]);
  if (segments.size() == 2) return on_collection(request, object);
  const auto id = record_id(object, segments[2]);
  if (segments.size() == 3) return on_record(request, object, id, path.api_version);
  if (segments.size() == 4) return on_blob(request, object, id, segments[3]);
  throw not_found();
}

HttpReply SobjectEndpoint::on_collection(const HttpRequest& request, const ObjectDef& object) const {
  if (request.method != "POST") throw method_not_allowed(request.method, "POST");
  const auto values = read_sobject_body(object, request.body, BodyPurpose::Create);
  return created(&object == &header_object() ? store_.insert_header(values) : store_.insert_part(values));
}

HttpReply SobjectEndpoint::on_record(const HttpRequest& request, const ObjectDef& object, const std::string& id,
                                     int version) const {
  const bool is_header = &object == &header_object();
  const auto method = request.method == "POST" && request.param("_HttpMethod") == "PATCH" ? "PATCH" : request.method;
  if (method == "GET") {
    const auto fields = requested_fields(request, object);
    const auto record = store_.find(object, id);
    if (!record) throw not_found();
    JsonWriter json;
    write_record(json, object, *record, fields, version);
    return HttpReply::json(200, json.take());
  }
  if (method == "PATCH") {
    const auto values = read_sobject_body(object, request.body, BodyPurpose::Update);
    is_header ? store_.update_header(id, values) : store_.update_part(id, values);
    return HttpReply::no_content();
  }
  if (method == "DELETE") {
    is_header ? store_.delete_header(id) : store_.delete_part(id);
    return HttpReply::no_content();
  }
  throw method_not_allowed(request.method, "HEAD,GET,PATCH,DELETE");
}

HttpReply SobjectEndpoint::on_blob(const HttpRequest& request, const ObjectDef& object, const std::string& id,
                                   const std::string& field_name) const {
  if (request.method != "GET") throw method_not_allowed(request.method, "GET");
  const auto* field = object.find(field_name);
  if (field == nullptr || field->kind != FieldKind::Blob) throw not_found();
  auto bytes = store_.blob(object, id);
  if (!bytes) throw not_found();
  return HttpReply::raw(std::move(*bytes), "application/octet-stream");
}

HttpReply SobjectEndpoint::on_query(const HttpRequest& request, int version) const {
  if (request.method != "GET") throw method_not_allowed(request.method, "GET");
  const auto text = request.param("q");
  if (!text || text->empty()) throw bad_request("MALFORMED_QUERY", "the q parameter with a SOQL query is missing");
  const auto query = parse_soql(*text);
  QueryResult result{query.object, query.fields, store_.query(query)};
  const auto locator = result.records.size() > page_size_ ? cursors_.save(result) : std::string();
  return page(result, locator, 0, version);
}

HttpReply SobjectEndpoint::on_next_page(const HttpRequest& request, const std::string& cursor, int version) const {
  if (request.method != "GET") throw method_not_allowed(request.method, "GET");
  const auto dash = cursor.rfind('-');
  std::size_t offset = 0;
  const auto* digits = cursor.data() + dash + 1;
  if (dash == std::string::npos ||
      std::from_chars(digits, cursor.data() + cursor.size(), offset).ptr != cursor.data() + cursor.size()) {
    throw bad_request("INVALID_QUERY_LOCATOR", fmt::format("invalid query locator {}", cursor));
  }
  const auto locator = cursor.substr(0, dash);
  const auto result = cursors_.find(locator);
  if (!result || offset > result->records.size()) {
    throw bad_request("INVALID_QUERY_LOCATOR",
                      fmt::format("query locator {} is unknown or has expired; run the query again", cursor));
  }
  return page(*result, locator, offset, version);
}

HttpReply SobjectEndpoint::page(const QueryResult& result, const std::string& locator, std::size_t offset,
                                int version) const {
  const auto end = std::min(result.records.size(), offset + page_size_);
  JsonWriter json;
  json.begin_object();
  json.key("totalSize").unsigned_integer(result.records.size());
  json.key("done").boolean(end == result.records.size());
  if (end < result.records.size()) {
    json.key("nextRecordsUrl").string(fmt::format("{}/query/{}-{}", version_prefix(version), locator, end));
  }
  json.key("records").begin_array();
  for (auto i = offset; i < end; ++i) write_record(json, *result.object, result.records[i], result.fields, version);
  json.end_array();
  json.end_object();
  return HttpReply::json(200, json.take());
}

}  // namespace insights::emulator
