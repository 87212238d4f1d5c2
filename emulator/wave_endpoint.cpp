#include "emulator/wave_endpoint.h"

#include <fmt/format.h>

#include "emulator/api_error.h"
#include "emulator/json_writer.h"

namespace insights::emulator {

namespace {
constexpr int kFirstVersionWithTotalRowCount = 53;

std::string dataset_url(int version, const std::string& id) {
  return fmt::format("{}/wave/datasets/{}", version_prefix(version), id);
}
}  // namespace

WaveEndpoint::WaveEndpoint(const DatasetStore& datasets) : datasets_(datasets) {}

HttpReply WaveEndpoint::handle(const HttpRequest& request, const DataPath& path) const {
  const auto& s = path.segments;
  if (request.method != "GET") {
    throw ApiError(405, "METHOD_NOT_ALLOWED", fmt::format("HTTP Method '{}' not allowed. Allowed are GET", request.method));
  }
  if (s.size() == 3 && s[0] == "wave" && s[1] == "datasets") return dataset(s[2], path.api_version);
  if (s.size() == 5 && s[0] == "wave" && s[1] == "datasets" && s[3] == "versions") {
    return dataset_version(s[2], s[4], path.api_version);
  }
  throw not_found();
}

HttpReply WaveEndpoint::dataset(const std::string& alias_or_id, int version) const {
  const auto found = datasets_.find(alias_or_id);
  if (!found) throw not_found(fmt::format("No dataset {} exists", alias_or_id));
  JsonWriter json;
  json.begin_object();
  json.key("id").string(found->id);
  json.key("name").string(found->alias);
  json.key("type").string("dataset");
  json.key("url").string(dataset_url(version, found->id));
  json.key("currentVersionId").string(found->current_version_id);
  json.key("currentVersionUrl").string(fmt::format("{}/versions/{}", dataset_url(version, found->id), found->current_version_id));
  json.end_object();
  return HttpReply::json(200, json.take());
}

HttpReply WaveEndpoint::dataset_version(const std::string& dataset_id, const std::string& version_id, int version) const {
  const auto dataset = datasets_.find(dataset_id);
  const auto rows = datasets_.version_row_count(dataset_id, version_id);
  if (!dataset || !rows) throw not_found(fmt::format("No version {} of dataset {} exists", version_id, dataset_id));
  JsonWriter json;
  json.begin_object();
  json.key("id").string(version_id);
  json.key("dataset").begin_object().key("id").string(dataset->id).key("name").string(dataset->alias).end_object();
  json.key(version >= kFirstVersionWithTotalRowCount ? "totalRowCount" : "totalRows").unsigned_integer(*rows);
  json.key("url").string(fmt::format("{}/versions/{}", dataset_url(version, dataset->id), version_id));
  json.end_object();
  return HttpReply::json(200, json.take());
}

}  // namespace insights::emulator
