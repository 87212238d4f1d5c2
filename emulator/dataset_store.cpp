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

std::size_t upload_key_index(const LoadedUpload& upload, std::string_view operation) {
  for (std::size_t i = 0; i < upload.fields.size(); ++i) {
    if (upload.fields[i].is_unique_id) return i;
  }
  throw insights::Error(fmt::format("{} needs one field with isUniqueId in the metadata", operation));
}

void refuse_repeated_keys(const LoadedUpload& upload, std::size_t key, std::string_view operation) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(upload.rows.size());
  for (std::size_t row = 0; row < upload.rows.size(); ++row) {
    const auto value = upload.rows.cell(row, key);
    if (!seen.insert(value).second) {
      throw insights::Error(fmt::format("unique id value \"{}\" of field {} appears more than once in this {} upload",
                                        value, upload.fields[key].name, operation));
    }
  }
}

std::vector<std::size_t> identity(std::size_t columns) {
  std::vector<std::size_t> mapping(columns);
  for (std::size_t i = 0; i < columns; ++i) mapping[i] = i;
  return mapping;
}

std::uint32_t checked_u32(std::size_t value, std::string_view what) {
  if (value > UINT32_MAX) throw insights::Error(fmt::format("the emulator holds at most 2^32 {}", what));
  return static_cast<std::uint32_t>(value);
}

}  // namespace

DatasetStore::DatasetStore(RecordIdGenerator& ids) : ids_(ids) {}

std::uint32_t DatasetStore::Stored::add_segment(RowTable rows, const std::vector<std::size_t>& mapping) {
  Segment segment{std::make_shared<const RowTable>(std::move(rows)), std::vector<std::size_t>(mapping.size())};
  for (std::size_t column = 0; column < mapping.size(); ++column) segment.column_of[mapping[column]] = column;
  segments.push_back(std::move(segment));
  return checked_u32(segments.size() - 1, "uploads per dataset");
}

std::size_t DatasetStore::apply(std::string_view operation, const std::string& alias, const std::string& container,
                                LoadedUpload upload) {
  std::lock_guard lock(mutex_);
  const auto existing = datasets_.find(alias);
  const bool is_new = existing == datasets_.end();
  // Built aside and swapped in at the end, so a refused operation leaves the dataset as it was.
  Stored next = is_new ? Stored{ids_.next(kDatasetPrefix), alias, container, {}, {}, {}, {}}
                       : Stored{existing->second.id, existing->second.alias, existing->second.container,
                                existing->second.fields, {}, {}, existing->second.versions};
  if (!container.empty()) next.container = container;
  const bool replaces = operation == "Overwrite" || (is_new && (operation == "Append" || operation == "Upsert"));
  if (!replaces && !is_new) {
    next.segments = existing->second.segments;
    next.rows = existing->second.rows;
  }
  if (replaces) {
    if (operation == "Upsert") refuse_repeated_keys(upload, upload_key_index(upload, operation), operation);
    next.fields = upload.fields;
    const auto count = upload.rows.size();
    const auto segment = next.add_segment(std::move(upload.rows), identity(upload.fields.size()));
    next.rows.reserve(count);
    for (std::size_t row = 0; row < count; ++row) next.rows.push_back({segment, checked_u32(row, "rows per upload")});
  } else if (operation == "Append") {
    if (const auto key = std::find_if(next.fields.begin(), next.fields.end(), [](const FieldSpec& f) { return f.is_unique_id; });
        key != next.fields.end()) {
      throw insights::Error(fmt::format("dataset {} has unique id field {}; Append is refused, use Upsert", alias, key->name));
    }
    const auto mapping = map_exact(next.fields, upload.fields, alias);
    const auto count = upload.rows.size();
    const auto segment = next.add_segment(std::move(upload.rows), mapping);
    for (std::size_t row = 0; row < count; ++row) next.rows.push_back({segment, checked_u32(row, "rows per upload")});
  } else if (operation == "Upsert") {
    const auto key = upload_key_index(upload, operation);
    refuse_repeated_keys(upload, key, operation);
    const auto mapping = map_exact(next.fields, upload.fields, alias);
    const auto dataset_key = mapping[key];
    const auto count = upload.rows.size();
    const auto segment = next.add_segment(std::move(upload.rows), mapping);
    // Views into the segments, which `next` keeps alive.
    std::unordered_map<std::string_view, std::size_t> position;
    position.reserve(next.rows.size() + count);
    for (std::size_t i = 0; i < next.rows.size(); ++i) position.emplace(next.cell(next.rows[i], dataset_key), i);
    for (std::size_t row = 0; row < count; ++row) {
      const RowRef ref{segment, checked_u32(row, "rows per upload")};
      const auto [found, added] = position.emplace(next.cell(ref, dataset_key), next.rows.size());
      if (added) {
        next.rows.push_back(ref);
      } else {
        next.rows[found->second] = ref;
      }
    }
  } else if (operation == "Delete") {
    if (is_new) throw insights::Error(fmt::format("Delete refers to dataset {}, which does not exist", alias));
    const auto key = upload_key_index(upload, operation);
    refuse_repeated_keys(upload, key, operation);
    const auto dataset_key = map_columns(next.fields, upload.fields, alias)[key];
    std::unordered_set<std::string_view> doomed;
    for (std::size_t row = 0; row < upload.rows.size(); ++row) doomed.insert(upload.rows.cell(row, key));
    std::erase_if(next.rows, [&](RowRef ref) { return doomed.contains(next.cell(ref, dataset_key)); });
  } else {
    throw insights::Error(fmt::format("operation {} is not supported", operation));
  }
  drop_unused_segments(next);
  record_version(next);
  const auto rows = next.rows.size();
  datasets_.insert_or_assign(alias, std::move(next));
  return rows;
}

void DatasetStore::drop_unused_segments(Stored& dataset) {
  std::vector<bool> used(dataset.segments.size(), false);
  for (const auto ref : dataset.rows) used[ref.segment] = true;
  if (std::find(used.begin(), used.end(), false) == used.end()) return;
  std::vector<std::uint32_t> renumbered(dataset.segments.size(), 0);
  std::vector<Segment> kept;
  for (std::size_t i = 0; i < dataset.segments.size(); ++i) {
    if (!used[i]) continue;
    renumbered[i] = static_cast<std::uint32_t>(kept.size());
    kept.push_back(std::move(dataset.segments[i]));
  }
  for (auto& ref : dataset.rows) ref.segment = renumbered[ref.segment];
  dataset.segments = std::move(kept);
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
  dataset.row_count = stored.rows.size();
  const auto count = std::min(stored.rows.size(), row_limit.value_or(stored.rows.size()));
  dataset.rows.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto& row = dataset.rows.emplace_back();
    row.reserve(stored.fields.size());
    for (std::size_t column = 0; column < stored.fields.size(); ++column) row.emplace_back(stored.cell(stored.rows[i], column));
  }
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
