#include "emulator/admin_endpoint.h"

#include <charconv>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "emulator/api_error.h"
#include "emulator/json_writer.h"

namespace insights::emulator {

namespace {

constexpr std::string_view kDatasetsPrefix = "/__admin/datasets/";

std::optional<std::uint64_t> whole_number_param(const HttpRequest& request, const std::string& name) {
  const auto text = request.param(name);
  if (!text) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) {
    throw bad_request("INVALID_PARAMETER_VALUE", fmt::format("{} \"{}\" is no whole number", name, *text));
  }
  return value;
}

ApiError method_not_allowed(const std::string& method, std::string_view allowed) {
  return ApiError(405, "METHOD_NOT_ALLOWED", fmt::format("HTTP Method '{}' not allowed. Allowed are {}", method, allowed));
}

// One fault object, or an array of them; all are checked before any is added.
std::vector<FaultSpec> parse_faults(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str());
  if (document.HasParseError() || (!document.IsObject() && !document.IsArray())) {
    throw bad_request("JSON_PARSER_ERROR", "POST /__admin/faults takes a JSON fault object or an array of them");
  }
  std::vector<FaultSpec> specs;
  const auto add = [&](const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    try {
      specs.push_back(parse_fault_json({buffer.GetString(), buffer.GetSize()}));
    } catch (const insights::Error& error) {
      throw bad_request("INVALID_FAULT", error.what());
    }
  };
  if (document.IsArray()) {
    for (const auto& item : document.GetArray()) add(item);
  } else {
    add(document);
  }
  return specs;
}

}  // namespace

AdminEndpoint::AdminEndpoint(const DatasetStore& datasets, const SobjectStore& headers, FaultInjector& faults,
                             const RequestLog& requests)
    : datasets_(datasets), headers_(headers), faults_(faults), requests_(requests) {}

HttpReply AdminEndpoint::handle(const HttpRequest& request) const {
  if (request.path == "/__admin/faults") return faults(request);
  if (request.method != "GET") throw method_not_allowed(request.method, "GET");
  if (request.path == "/__admin/headers") return headers();
  if (request.path == "/__admin/requests") return requests(request);
  if (request.path.starts_with(kDatasetsPrefix) && request.path.size() > kDatasetsPrefix.size()) {
    return dataset(request.path.substr(kDatasetsPrefix.size()), request);
  }
  throw not_found();
}

HttpReply AdminEndpoint::dataset(const std::string& alias, const HttpRequest& request) const {
  // Only the rows asked for are copied out: a night's dataset holds millions.
  const auto limit = whole_number_param(request, "limit");
  const auto full = datasets_.snapshot(alias, limit);
  if (!full) throw not_found(fmt::format("No dataset {} exists", alias));
  JsonWriter json;
  json.begin_object();
  json.key("alias").string(full->alias);
  json.key("version").unsigned_integer(full->version);
  json.key("columns").begin_array();
  for (const auto& column : full->columns) json.string(column);
  json.end_array();
  json.key("row_count").unsigned_integer(full->row_count);
  json.key("rows").begin_array();
  for (std::size_t i = 0; i < full->rows.size(); ++i) {
    json.begin_array();
    for (const auto& cell : full->rows[i]) json.string(cell);
    json.end_array();
  }
  json.end_array();
  json.end_object();
  return HttpReply::json(200, json.take());
}

HttpReply AdminEndpoint::headers() const {
  JsonWriter json;
  json.begin_array();
  for (const auto& header : headers_.header_records()) {
    json.begin_object();
    json.key("id").string(header.id);
    json.key("alias").string(header.alias);
    json.key("file_name").string(header.file_name);
    json.key("operation").string(header.operation);
    json.key("action").string(header.action);
    json.key("status").string(header.status);
    json.key("status_message").string(header.status_message);
    json.key("parts").integer(header.parts);
    json.end_object();
  }
  json.end_array();
  return HttpReply::json(200, json.take());
}

HttpReply AdminEndpoint::faults(const HttpRequest& request) const {
  if (request.method == "GET") return fault_list();
  if (request.method == "DELETE") {
    faults_.clear();
    return HttpReply::no_content();
  }
  if (request.method != "POST") throw method_not_allowed(request.method, "GET,POST,DELETE");
  for (auto& spec : parse_faults(request.body)) faults_.add(std::move(spec));
  auto reply = fault_list();
  reply.status = 201;
  return reply;
}

HttpReply AdminEndpoint::fault_list() const {
  std::string body = "[";
  for (const auto& fault : faults_.list()) {
    if (body.size() > 1) body += ',';
    body += fault_to_json(fault.spec, fault.remaining);
  }
  return HttpReply::json(200, body + "]");
}

HttpReply AdminEndpoint::requests(const HttpRequest& request) const {
  const auto since = whole_number_param(request, "since").value_or(0);
  const auto recorded = requests_.since(since);
  return HttpReply::json(200, requests_to_json(recorded, recorded.empty() ? since : recorded.back().sequence));
}

}  // namespace insights::emulator
