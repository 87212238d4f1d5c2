#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/emulator_records.h"
#include "emulator/header_rules.h"
#include "emulator/job_queue.h"
#include "emulator/part_rules.h"
#include "emulator/record_id.h"
#include "emulator/salesforce_time.h"
#include "emulator/soql_query.h"
#include "emulator/upload_loader.h"

namespace insights::emulator {

// What processing needs from a header, copied out so it runs without the store's lock.
struct JobInput {
  std::string alias;
  std::string operation;
  std::string container;
  std::string format;
  std::optional<UploadSchema> schema;
  std::vector<PartData> parts;
  std::size_t jobs_in_window = 0;  // jobs submitted for the alias in the last 24 hours, this one included
  std::uint64_t bytes = 0;            // decoded bytes of this job's parts
  std::uint64_t bytes_in_window = 0;  // decoded bytes of every job submitted in the last 24 hours, this one included
};

struct JobOutcome {
  std::string status;   // Completed, CompletedWithWarnings or Failed
  std::string message;  // empty: StatusMessage stays null
};

// The InsightsExternalData and InsightsExternalDataPart rows with every synchronous rule of §6. A refused
// request changes nothing. Thread-safe; ids passed in are already normalized to 18 characters.
class SobjectStore {
 public:
  // Parts of a terminal job are gone `part_retention` after it ended (by the clock `now`).
  SobjectStore(RecordIdGenerator& ids, JobQueue& jobs, DatasetAppLookup dataset_app, std::size_t max_part_bytes,
               NowFunction now = system_now(), std::chrono::hours part_retention = std::chrono::hours(7 * 24));

  std::string insert_header(const FieldValues& changes);
  void update_header(const std::string& id, const FieldValues& changes);
  void delete_header(const std::string& id);

  std::string insert_part(const FieldValues& changes);
  void update_part(const std::string& id, const FieldValues& changes);
  void delete_part(const std::string& id);

  std::optional<SobjectRecord> find(const ObjectDef& object, const std::string& id) const;
  // MetadataJson of a header or DataFile of a part; nullopt when the record or its blob is absent.
  std::optional<std::string> blob(const ObjectDef& object, const std::string& id) const;
  std::vector<SobjectRecord> query(const SoqlQuery& query) const;
  std::vector<HeaderRecord> header_records() const;

  // Moves a Queued header to InProgress and copies out its job; nullopt when it is no longer Queued.
  std::optional<JobInput> begin_processing(const std::string& id);
  // Ends an InProgress job: NotProcessed when an abort arrived meanwhile, else the outcome `finish` returns.
  // `finish` runs under the store's lock so that an abort cannot slip in between.
  void finish_processing(const std::string& id, const std::function<JobOutcome()>& finish);

 private:

  void update_header_locked(const std::string& id, const FieldValues& changes);
  HeaderState& header_locked(const std::string& id);
  PartState& part_locked(const std::string& id);
  void stamp_new(SobjectRecord& record, std::string_view key_prefix);
  void touch(SobjectRecord& record) const;
  void abort_locked(HeaderState& header, std::string_view action);
  void remove_parts_locked(const std::string& header_id);
  void refuse_unless_new(const HeaderState& header, std::string_view what) const;
  void refuse_duplicate_part_locked(const std::string& header_id, std::int64_t number, const std::string& except_id) const;
  int part_count_locked(const std::string& header_id) const;
  std::uint64_t part_bytes_locked(const std::string& header_id) const;
  bool expired_locked(const PartState& part) const;
  void remove_expired_parts_locked();

  RecordIdGenerator& ids_;
  JobQueue& jobs_;
  DatasetAppLookup dataset_app_;
  std::size_t max_part_bytes_;
  NowFunction now_;
  std::chrono::hours part_retention_;
  std::string user_id_;

  mutable std::mutex mutex_;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, HeaderState> headers_;
  std::map<std::string, PartState> parts_;
};

}  // namespace insights::emulator
