#include "emulator/admin_endpoint.h"

#include <charconv>

#include <fmt/format.h>

#include "emulator/api_error.h"
#include "emulator/json_writer.h"

namespace insights::emulator {

namespace {

constexpr std::string_view kDatasetsPrefix = "/__admin/datasets/";

std::optional<std::size_t> row_limit(const HttpRequest& request) {
  const auto text = request.param("limit");
  if (!text) return std::nullopt;
  std::size_t limit = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc{} || end != text->data() + text->size()) {
    throw bad_request("INVALID_PARAMETER_VALUE", fmt::format("limit \"{}\" is no whole number", *text));
  }
  return limit;
}

}  // namespace

AdminEndpoint::AdminEndpoint(const DatasetStore& datasets, const SobjectStore& headers)
    : datasets_(datasets), headers_(headers) {}

HttpReply AdminEndpoint::handle(const HttpRequest& request) const {
  if (request.method != "GET") {
    throw ApiError(405, "METHOD_NOT_ALLOWED", fmt::format("HTTP Method '{}' not allowed. Allowed are GET", request.method));
  }
  if (request.path == "/__admin/headers") return headers();
  if (request.path.starts_with(kDatasetsPrefix) && request.path.size() > kDatasetsPrefix.size()) {
    return dataset(request.path.substr(kDatasetsPrefix.size()), request);
  }
  throw not_found();
}

HttpReply AdminEndpoint::dataset(const std::string& alias, const HttpRequest& request) const {
  const auto full = datasets_.snapshot(alias, std::nullopt);
  if (!full) throw not_found(fmt::format("No dataset {} exists", alias));
  const auto limit = row_limit(request).value_or(full->rows.size());
  JsonWriter json;
  json.begin_object();
  json.key("alias").string(full->alias);
  json.key("version").unsigned_integer(full->version);
  json.key("columns").begin_array();
  for (const auto& column : full->columns) json.string(column);
  json.end_array();
  json.key("row_count").unsigned_integer(full->rows.size());
  json.key("rows").begin_array();
  for (std::size_t i = 0; i < full->rows.size() && i < limit; ++i) {
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

}  // namespace insights::emulator
