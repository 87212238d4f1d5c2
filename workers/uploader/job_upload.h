#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "shared/chunkstore/chunk_store.h"
#include "shared/salesforce/client.h"
#include "workers/uploader/job_assembly.h"
#include "workers/uploader/quota.h"

namespace insights::uploader {

class UsageReader;

struct UploadSettings {
  std::string alias_template = "{dataset}_{org}";
  std::string app;                             // EdgemartContainer; empty = Salesforce's default
  std::size_t max_part_bytes = 8 * 1024 * 1024;
  int parallel_parts = 3;                      // parts in flight per job; memory is about this many parts
  QuotaLimits quota;
  int compression_level = 1;                   // for the CSV header row's segment
  std::chrono::milliseconds job_timeout{2 * 3600 * 1000};
};

// Where one job goes: its org's client and the names it uploads under.
struct JobTarget {
  salesforce::Client* client = nullptr;
  UsageReader* usage = nullptr;  // null: the quotas are not read
  std::string alias;             // EdgemartAlias
  std::string app;               // EdgemartContainer
  std::string operation;         // sent in the header
};

struct JobResult {
  schema::JobKey job;
  std::string operation;
  std::string alias;
  std::string header_id;
  std::string status;           // Salesforce's terminal status, or NothingToUpload
  std::string message;          // StatusMessage, or why the job failed
  std::uint64_t records_produced = 0;
  std::uint64_t rows_expected = 0;
  std::uint64_t rejected = 0;
  std::uint32_t batches = 0;
  std::uint64_t chunk_bytes = 0;
  int parts = 0;
  std::optional<std::uint64_t> rows_in_dataset;
  std::optional<QuotaBudget> quota;  // read before the header was created (null: not read)
  bool resumed = false;         // an already processed header of this job was found and awaited
  bool ok = false;
};

// An upload stopped at a checkpoint because its job was given up (its partition was revoked, or the worker stops).
// Either nothing was processed (the job's next owner replaces its unfinished header) or Salesforce was processing it
// (the next owner finds the processed header and awaits it).
class UploadCancelled : public Error {
 public:
  using Error::Error;
};

// Runs the External Data API lifecycle for one ready job: verifies every chunk, finds or creates the job's header
// (FileName derived from the job id, so a job is processed at most once), streams the chunks as ONE gzip member cut
// into parts, processes, waits for a terminal status and checks the dataset's row count.
// Parts go up on settings.parallel_parts threads. Before a new header is created the rolling 24-hour usage is
// read (target.usage), and QuotaExceeded is thrown when the job would pass a limit.
// Throws insights::Error (or salesforce::ApiError) when the job cannot be completed.
// `cancelled`, when given and set, stops the upload with UploadCancelled before it creates or deletes a header and
// before Process, so a job given up mid-way is never processed behind its next owner's back, and between status polls
// while awaiting a processed header, so a given-up upload frees its thread promptly.
JobResult upload_job(const JobAssembly& assembly, chunkstore::ChunkStore& store, const JobTarget& target,
                     const UploadSettings& settings, const std::atomic<bool>* cancelled = nullptr);

}  // namespace insights::uploader
