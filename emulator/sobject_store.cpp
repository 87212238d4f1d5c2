#include "emulator/sobject_store.h"

#include <algorithm>

#include <fmt/format.h>

#include "emulator/api_error.h"
#include "emulator/name_rules.h"
#include "emulator/salesforce_time.h"

namespace insights::emulator {

namespace {

constexpr auto kJobWindow = std::chrono::hours(24);

bool is_terminal(std::string_view status) {
  return status == "Completed" || status == "CompletedWithWarnings" || status == "Failed" || status == "NotProcessed";
}

std::string status_of(const HeaderState& header) { return text_of(header.record.values, "Status"); }

std::string header_id_of(const PartState& part) { return text_of(part.record.values, "InsightsExternalDataId"); }

bool only_abort_requested(const FieldValues& changes) {
  if (changes.size() != 1 || !changes.contains("Action")) return false;
  const auto action = text_of(changes, "Action");
  return iequals(action, "Abort") || iequals(action, "Delete");
}

std::string canonical_abort(const FieldValues& changes) {
  return iequals(text_of(changes, "Action"), "Abort") ? "Abort" : "Delete";
}

}  // namespace

SobjectStore::SobjectStore(RecordIdGenerator& ids, JobQueue& jobs, DatasetAppLookup dataset_app,
                           std::size_t max_part_bytes, NowFunction now, std::chrono::hours part_retention)
    : ids_(ids),
      jobs_(jobs),
      dataset_app_(std::move(dataset_app)),
      max_part_bytes_(max_part_bytes),
      now_(std::move(now)),
      part_retention_(part_retention),
      user_id_(ids.next("005")) {}

void SobjectStore::stamp_new(SobjectRecord& record, std::string_view key_prefix) {
  record.id = ids_.next(key_prefix);
  record.sequence = next_sequence_++;
  const auto now = salesforce_datetime(now_());
  auto& values = record.values;
  values["Id"] = record.id;
  values["IsDeleted"] = false;
  values["CreatedDate"] = now;
  values["CreatedById"] = user_id_;
  values["LastModifiedDate"] = now;
  values["LastModifiedById"] = user_id_;
  values["SystemModstamp"] = now;
}

void SobjectStore::touch(SobjectRecord& record) const {
  const auto now = salesforce_datetime(now_());
  record.values["LastModifiedDate"] = now;
  record.values["SystemModstamp"] = now;
}

HeaderState& SobjectStore::header_locked(const std::string& id) {
  const auto found = headers_.find(id);
  if (found == headers_.end()) throw not_found();
  return found->second;
}

PartState& SobjectStore::part_locked(const std::string& id) {
  const auto found = parts_.find(id);
  if (found == parts_.end()) throw not_found();
  return found->second;
}

void SobjectStore::refuse_unless_new(const HeaderState& header, std::string_view what) const {
  const auto status = status_of(header);
  if (status != "New") {
    throw bad_request("FIELD_INTEGRITY_EXCEPTION",
                      fmt::format("{} refused: header {} has Status {}; parts can change only while it is New", what,
                                  header.record.id, status),
                      {"InsightsExternalDataId"});
  }
}

void SobjectStore::refuse_duplicate_part_locked(const std::string& header_id, std::int64_t number,
                                                const std::string& except_id) const {
  for (const auto& [id, part] : parts_) {
    if (id != except_id && header_id_of(part) == header_id && int_of(part.record.values, "PartNumber") == number) {
      throw bad_request("DUPLICATE_VALUE",
                        fmt::format("PartNumber {} already exists for header {} (part {}); update or delete that part",
                                    number, header_id, id),
                        {"PartNumber"});
    }
  }
}

int SobjectStore::part_count_locked(const std::string& header_id) const {
  return static_cast<int>(std::count_if(parts_.begin(), parts_.end(), [&](const auto& entry) {
    return header_id_of(entry.second) == header_id && !expired_locked(entry.second);
  }));
}

std::uint64_t SobjectStore::part_bytes_locked(const std::string& header_id) const {
  std::uint64_t bytes = 0;
  for (const auto& [id, part] : parts_) {
    if (header_id_of(part) == header_id && part.data) bytes += part.data->size();
  }
  return bytes;
}

// Const readers hide expired parts; writers remove them.
bool SobjectStore::expired_locked(const PartState& part) const {
  const auto header = headers_.find(header_id_of(part));
  return header != headers_.end() && is_terminal(status_of(header->second)) &&
         header->second.finished + part_retention_ <= now_();
}

void SobjectStore::remove_expired_parts_locked() {
  std::erase_if(parts_, [&](const auto& entry) { return expired_locked(entry.second); });
}

void SobjectStore::remove_parts_locked(const std::string& header_id) {
  std::erase_if(parts_, [&](const auto& entry) { return header_id_of(entry.second) == header_id; });
}

void SobjectStore::abort_locked(HeaderState& header, std::string_view action) {
  header.record.values["Action"] = std::string(action);
  const auto status = status_of(header);
  if (status == "New" || status == "Queued") {
    header.record.values["Status"] = std::string("NotProcessed");
    remove_parts_locked(header.record.id);
  } else if (status == "InProgress") {
    header.abort_requested = true;
  }
  touch(header.record);
}

std::string SobjectStore::insert_header(const FieldValues& changes) {
  std::lock_guard lock(mutex_);
  remove_expired_parts_locked();
  HeaderState header;
  set_header_defaults(header);
  apply_header_changes(header, changes, dataset_app_);
  stamp_new(header.record, header_object().key_prefix);
  const auto id = header.record.id;
  const auto action = text_of(header.record.values, "Action");
  headers_.emplace(id, std::move(header));
  // A header created with Action=Process or Abort behaves as if updated right after.
  if (action != "None") update_header_locked(id, {{"Action", action}});
  return id;
}

void SobjectStore::update_header(const std::string& id, const FieldValues& changes) {
  std::lock_guard lock(mutex_);
  update_header_locked(id, changes);
}

void SobjectStore::update_header_locked(const std::string& id, const FieldValues& changes) {
  auto& header = header_locked(id);
  const auto status = status_of(header);
  if (status != "New") {
    if (!only_abort_requested(changes)) {
      throw bad_request("FIELD_INTEGRITY_EXCEPTION",
                        fmt::format("header {} has Status {}: after Action=Process only Action=Abort or Delete may be "
                                    "set; create a new header for a new upload",
                                    id, status),
                        {"Action"});
    }
    if (!is_terminal(status)) abort_locked(header, canonical_abort(changes));
    return;
  }
  HeaderState next = header;
  apply_header_changes(next, changes, dataset_app_);
  const auto action = text_of(next.record.values, "Action");
  touch(next.record);
  if (action == "Process") {
    next.submitted = now_();
    next.bytes = part_bytes_locked(id);
    next.record.values["Status"] = std::string("Queued");
    next.record.values["SubmittedDate"] = salesforce_datetime(next.submitted);
  }
  header = std::move(next);
  if (action == "Abort" || action == "Delete") abort_locked(header, action);
  if (action == "Process") jobs_.push(id);
}

void SobjectStore::delete_header(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto& header = header_locked(id);
  if (status_of(header) == "InProgress") {
    throw bad_request("FIELD_INTEGRITY_EXCEPTION",
                      fmt::format("header {} is being processed (InProgress); wait for a final Status, then delete it", id),
                      {"Id"});
  }
  remove_parts_locked(id);
  headers_.erase(id);
}

std::string SobjectStore::insert_part(const FieldValues& changes) {
  const auto header_id = checked_header_reference(changes);
  const auto number_value = changes.find("PartNumber");
  const auto number = checked_part_number(number_value == changes.end() ? FieldValue{} : number_value->second);
  const auto data_value = changes.find("DataFile");
  auto data = checked_data_file(data_value == changes.end() ? FieldValue{} : data_value->second, max_part_bytes_);

  std::lock_guard lock(mutex_);
  remove_expired_parts_locked();
  const auto header = headers_.find(header_id);
  if (header == headers_.end()) {
    throw bad_request("INVALID_CROSS_REFERENCE_KEY",
                      fmt::format("invalid cross reference id: no InsightsExternalData header {}", header_id),
                      {"InsightsExternalDataId"});
  }
  refuse_unless_new(header->second, "Part insert");
  refuse_duplicate_part_locked(header_id, number, {});
  PartState part;
  stamp_new(part.record, part_object().key_prefix);
  const auto size = static_cast<std::int64_t>(data->size());
  part.record.values["InsightsExternalDataId"] = header_id;
  part.record.values["PartNumber"] = number;
  part.record.values["DataFile"] = std::string();
  part.record.values["DataLength"] = size;
  part.record.values["CompressedDataLength"] = size;
  part.data = std::move(data);
  const auto id = part.record.id;
  parts_.emplace(id, std::move(part));
  return id;
}

void SobjectStore::update_part(const std::string& id, const FieldValues& changes) {
  std::optional<std::string> header_reference;
  if (changes.contains("InsightsExternalDataId")) header_reference = checked_header_reference(changes);
  std::optional<std::int64_t> number;
  if (const auto found = changes.find("PartNumber"); found != changes.end()) number = checked_part_number(found->second);
  std::shared_ptr<const std::string> data;
  if (const auto found = changes.find("DataFile"); found != changes.end()) {
    data = checked_data_file(found->second, max_part_bytes_);
  }

  std::lock_guard lock(mutex_);
  auto& part = part_locked(id);
  const auto header_id = header_id_of(part);
  refuse_unless_new(header_locked(header_id), "Part update");
  if (header_reference && *header_reference != header_id) {
    throw bad_request("INVALID_FIELD_FOR_INSERT_UPDATE",
                      "InsightsExternalDataId cannot change after insert; delete the part and insert it again",
                      {"InsightsExternalDataId"});
  }
  if (number) {
    refuse_duplicate_part_locked(header_id, *number, id);
    part.record.values["PartNumber"] = *number;
  }
  if (data) {
    const auto size = static_cast<std::int64_t>(data->size());
    part.record.values["DataLength"] = size;
    part.record.values["CompressedDataLength"] = size;
    part.data = std::move(data);
  }
  touch(part.record);
}

void SobjectStore::delete_part(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto& part = part_locked(id);
  refuse_unless_new(header_locked(header_id_of(part)), "Part delete");
  parts_.erase(id);
}

std::optional<SobjectRecord> SobjectStore::find(const ObjectDef& object, const std::string& id) const {
  std::lock_guard lock(mutex_);
  if (&object == &header_object()) {
    const auto found = headers_.find(id);
    if (found != headers_.end()) return found->second.record;
  } else {
    const auto found = parts_.find(id);
    if (found != parts_.end() && !expired_locked(found->second)) return found->second.record;
  }
  return std::nullopt;
}

std::optional<std::string> SobjectStore::blob(const ObjectDef& object, const std::string& id) const {
  std::lock_guard lock(mutex_);
  if (&object == &header_object()) {
    const auto found = headers_.find(id);
    if (found == headers_.end() || !found->second.schema) return std::nullopt;
    return found->second.metadata;
  }
  const auto found = parts_.find(id);
  if (found == parts_.end() || !found->second.data || expired_locked(found->second)) return std::nullopt;
  return *found->second.data;
}

std::vector<SobjectRecord> SobjectStore::query(const SoqlQuery& query) const {
  std::vector<SobjectRecord> records;
  {
    std::lock_guard lock(mutex_);
    if (query.object == &header_object()) {
      for (const auto& [id, header] : headers_) {
        if (soql_matches(query, header.record.values)) records.push_back(header.record);
      }
    } else {
      for (const auto& [id, part] : parts_) {
        if (!expired_locked(part) && soql_matches(query, part.record.values)) records.push_back(part.record);
      }
    }
  }
  std::sort(records.begin(), records.end(),
            [&](const SobjectRecord& a, const SobjectRecord& b) { return soql_before(query, a, b); });
  if (query.limit && records.size() > *query.limit) records.resize(*query.limit);
  return records;
}

std::vector<HeaderRecord> SobjectStore::header_records() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::uint64_t, HeaderRecord>> ordered;
  for (const auto& [id, header] : headers_) {
    const auto& values = header.record.values;
    ordered.emplace_back(header.record.sequence,
                         HeaderRecord{id, text_of(values, "EdgemartAlias"), text_of(values, "FileName"),
                                      text_of(values, "Operation"), text_of(values, "Action"), text_of(values, "Status"),
                                      text_of(values, "StatusMessage"), part_count_locked(id)});
  }
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<HeaderRecord> records;
  for (auto& entry : ordered) records.push_back(std::move(entry.second));
  return records;
}

std::optional<JobInput> SobjectStore::begin_processing(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto found = headers_.find(id);
  if (found == headers_.end() || status_of(found->second) != "Queued") return std::nullopt;
  auto& header = found->second;
  header.record.values["Status"] = std::string("InProgress");
  touch(header.record);
  const auto& values = header.record.values;
  JobInput input{text_of(values, "EdgemartAlias"), text_of(values, "Operation"), text_of(values, "EdgemartContainer"),
                 text_of(values, "Format"), header.schema, {}, 0};
  for (const auto& [part_id, part] : parts_) {
    if (header_id_of(part) == id) input.parts.push_back({*int_of(part.record.values, "PartNumber"), part.data});
  }
  input.bytes = header.bytes;
  const auto window_start = header.submitted - kJobWindow;
  for (const auto& [other_id, other] : headers_) {
    const auto other_status = status_of(other);
    if (other_status == "New" || other_status == "NotProcessed" || other.submitted <= window_start ||
        other.submitted > header.submitted) {
      continue;
    }
    input.bytes_in_window += other.bytes;
    if (text_of(other.record.values, "EdgemartAlias") == input.alias) ++input.jobs_in_window;
  }
  return input;
}

void SobjectStore::finish_processing(const std::string& id, const std::function<JobOutcome()>& finish) {
  std::lock_guard lock(mutex_);
  const auto found = headers_.find(id);
  if (found == headers_.end()) return;
  auto& header = found->second;
  header.finished = now_();
  if (header.abort_requested) {
    header.record.values["Status"] = std::string("NotProcessed");
    remove_parts_locked(id);
  } else {
    const auto outcome = finish();
    header.record.values["Status"] = outcome.status;
    header.record.values["StatusMessage"] =
        outcome.message.empty() ? FieldValue{} : FieldValue{outcome.message};
  }
  touch(header.record);
}

}  // namespace insights::emulator
