#include "emulator/dataset_store.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "emulator/name_rules.h"
#include "shared/util/error.h"

namespace insights::emulator {

namespace {

constexpr std::string_view kDatasetPrefix = "0Fb";
constexpr std::string_view kVersionPrefix = "0Fc";

std::optional<std::size_t> index_of(const std::vector<FieldSpec>& fields, std::string_view name) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (iequals(fields[i].name, name)) return i;
  }
  return std::nullopt;
}

// For every upload column, the dataset column it fills; throws when a column is unknown or differs in type.
std::vector<std::size_t> map_columns(const std::vector<FieldSpec>& dataset, const std::vector<FieldSpec>& upload,
                                     const std::string& alias) {
  std::vector<std::size_t> mapping;
  for (const auto& field : upload) {
    const auto index = index_of(dataset, field.name);
    if (!index) throw insights::Error(fmt::format("field {} is not in dataset {}", field.name, alias));
    if (dataset[*index].type != field.type) {
      throw insights::Error(fmt::format("field {} is {} in dataset {} but {} in this upload", field.name,
                                        type_name(dataset[*index].type), alias, type_name(field.type)));
    }
    mapping.push_back(*index);
  }
  return mapping;
}

std::vector<std::size_t> map_exact(const std::vector<FieldSpec>& dataset, const std::vector<FieldSpec>& upload,
                                   const std::string& alias) {
  if (dataset.size() != upload.size()) {
    throw insights::Error(fmt::format("the upload has {} fields but dataset {} has {}; the schema must match exactly",
                                      upload.size(), alias, dataset.size()));
  }
  return map_columns(dataset, upload, alias);
}

std::vector<std::string> reorder(std::vector<std::string> row, const std::vector<std::size_t>& mapping) {
  std::vector<std::string> ordered(row.size());
  for (std::size_t i = 0; i < row.size(); ++i) ordered[mapping[i]] = std::move(row[i]);
  return ordered;
}

std::size_t upload_key_index(const LoadedUpload& upload, std::string_view operation) {
  for (std::size_t i = 0; i < upload.fields.size(); ++i) {
    if (upload.fields[i].is_unique_id) return i;
  }
  throw insights::Error(fmt::format("{} needs one field with isUniqueId in the metadata", operation));
}

void refuse_repeated_keys(const LoadedUpload& upload, std::size_t key, std::string_view operation) {
  std::unordered_set<std::string> seen;
  for (const auto& row : upload.rows) {
    if (!seen.insert(row[key]).second) {
      throw insights::Error(fmt::format("unique id value \"{}\" of field {} appears more than once in this {} upload",
                                        row[key], upload.fields[key].name, operation));
    }
  }
}

void append_rows(std::vector<std::vector<std::string>>& target, LoadedUpload& upload,
                 const std::vector<std::size_t>& mapping) {
  for (auto& row : upload.rows) target.push_back(reorder(std::move(row), mapping));
}

void upsert_rows(std::vector<std::vector<std::string>>& target, std::size_t dataset_key, LoadedUpload& upload,
                 const std::vector<std::size_t>& mapping) {
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < target.size(); ++i) position.emplace(target[i][dataset_key], i);
  for (auto& row : upload.rows) {
    auto ordered = reorder(std::move(row), mapping);
    const auto found = position.find(ordered[dataset_key]);
    if (found != position.end()) {
      target[found->second] = std::move(ordered);
    } else {
      position.emplace(ordered[dataset_key], target.size());
      target.push_back(std::move(ordered));
    }
  }
}

}  // namespace

DatasetStore::DatasetStore(RecordIdGenerator& ids) : ids_(ids) {}

std::size_t DatasetStore::apply(std::string_view operation, const std::string& alias, const std::string& container,
                                LoadedUpload upload) {
  std::lock_guard lock(mutex_);
  const auto existing = datasets_.find(alias);
  Stored next = existing != datasets_.end() ? existing->second : Stored{ids_.next(kDatasetPrefix), alias, container, {}, {}, {}};
  if (!container.empty()) next.container = container;
  const bool is_new = existing == datasets_.end();
  if (operation == "Overwrite" || (is_new && (operation == "Append" || operation == "Upsert"))) {
    if (operation == "Upsert") refuse_repeated_keys(upload, upload_key_index(upload, operation), operation);
    next.fields = upload.fields;
    next.rows = std::move(upload.rows);
  } else if (operation == "Append") {
    if (const auto key = std::find_if(next.fields.begin(), next.fields.end(), [](const FieldSpec& f) { return f.is_unique_id; });
        key != next.fields.end()) {
      throw insights::Error(fmt::format("dataset {} has unique id field {}; Append is refused, use Upsert", alias, key->name));
    }
    append_rows(next.rows, upload, map_exact(next.fields, upload.fields, alias));
  } else if (operation == "Upsert") {
    const auto key = upload_key_index(upload, operation);
    refuse_repeated_keys(upload, key, operation);
    const auto mapping = map_exact(next.fields, upload.fields, alias);
    upsert_rows(next.rows, mapping[key], upload, mapping);
  } else if (operation == "Delete") {
    if (is_new) throw insights::Error(fmt::format("Delete refers to dataset {}, which does not exist", alias));
    const auto key = upload_key_index(upload, operation);
    refuse_repeated_keys(upload, key, operation);
    const auto dataset_key = map_columns(next.fields, upload.fields, alias)[key];
    std::unordered_set<std::string> doomed;
    for (const auto& row : upload.rows) doomed.insert(row[key]);
    std::erase_if(next.rows, [&](const std::vector<std::string>& row) { return doomed.contains(row[dataset_key]); });
  } else {
    throw insights::Error(fmt::format("operation {} is not supported", operation));
  }
  record_version(next);
  const auto rows = next.rows.size();
  datasets_.insert_or_assign(alias, std::move(next));
  return rows;
}

void DatasetStore::record_version(Stored& dataset) {
  dataset.versions.emplace_back(ids_.next(kVersionPrefix), dataset.rows.size());
}

std::optional<Dataset> DatasetStore::snapshot(const std::string& alias, std::optional<std::size_t> row_limit) const {
  std::lock_guard lock(mutex_);
  const auto found = datasets_.find(alias);
  if (found == datasets_.end()) return std::nullopt;
  const auto& stored = found->second;
  Dataset dataset;
  dataset.alias = stored.alias;
  for (const auto& field : stored.fields) dataset.columns.push_back(field.name);
  const auto count = std::min(stored.rows.size(), row_limit.value_or(stored.rows.size()));
  dataset.rows.assign(stored.rows.begin(), stored.rows.begin() + static_cast<std::ptrdiff_t>(count));
  dataset.version = stored.versions.size();
  return dataset;
}

const DatasetStore::Stored* DatasetStore::find_locked(const std::string& alias_or_id) const {
  if (const auto found = datasets_.find(alias_or_id); found != datasets_.end()) return &found->second;
  for (const auto& [alias, stored] : datasets_) {
    if (stored.id == alias_or_id || stored.id.substr(0, 15) == alias_or_id) return &stored;
  }
  return nullptr;
}

std::optional<DatasetRef> DatasetStore::find(const std::string& alias_or_id) const {
  std::lock_guard lock(mutex_);
  const auto* stored = find_locked(alias_or_id);
  if (stored == nullptr) return std::nullopt;
  return DatasetRef{stored->id, stored->alias, stored->versions.back().first};
}

std::optional<std::size_t> DatasetStore::version_row_count(const std::string& dataset_id,
                                                           const std::string& version_id) const {
  std::lock_guard lock(mutex_);
  const auto* stored = find_locked(dataset_id);
  if (stored == nullptr) return std::nullopt;
  for (const auto& [id, rows] : stored->versions) {
    if (id == version_id || id.substr(0, 15) == version_id) return rows;
  }
  return std::nullopt;
}

std::optional<std::string> DatasetStore::container_of(const std::string& alias) const {
  std::lock_guard lock(mutex_);
  const auto found = datasets_.find(alias);
  if (found == datasets_.end()) return std::nullopt;
  return found->second.container;
}

}  // namespace insights::emulator
