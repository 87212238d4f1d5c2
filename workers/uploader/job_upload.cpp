#include "workers/uploader/job_upload.h"

#include <fmt/format.h>

#include <functional>
#include <vector>

#include "shared/gzip/gzip_joiner.h"
#include "shared/gzip/part_cutter.h"
#include "shared/gzip/segment_writer.h"
#include "shared/log/log.h"
#include "shared/salesforce/api_error.h"
#include "shared/salesforce/header_status.h"
#include "shared/schema/metadata_json.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "workers/uploader/parallel_part_uploader.h"
#include "workers/uploader/usage_reader.h"

namespace insights::uploader {
namespace {

constexpr std::size_t kReadBytes = 1 << 20;

void verify_chunks(const JobAssembly& assembly, chunkstore::ChunkStore& store) {
  for (const auto& [batch, manifest] : assembly.batches()) {
    store.verify(schema::chunk_id(manifest.job, batch), manifest.meta);
  }
}

// Streams header row + chunks as one gzip member into parts; returns the number of parts.
int send_parts(const JobAssembly& assembly, chunkstore::ChunkStore& store, salesforce::Client& client,
               const std::string& header_id, const UploadSettings& settings) {
  const auto& job = assembly.job()->job;
  ParallelPartUploader uploader(settings.parallel_parts, [&](int number, std::string_view bytes) {
    client.upload_part(header_id, number, bytes);
    log::debug("part uploaded", {log::field("job", job.id()), log::field("part", number), log::field("bytes", bytes.size())});
  });
  gzip::PartCutter cutter(settings.max_part_bytes,
                          [&](int number, std::string_view bytes) { uploader.submit(number, bytes); });
  gzip::GzipJoiner joiner([&](std::string_view bytes) { cutter.write(bytes); });

  std::string header_segment;
  const auto header_row = schema::RowToCsv(schema::schema().dataset(job.dataset)).header();
  joiner.begin_segment(gzip::compress_segment(settings.compression_level, header_row, header_segment));
  joiner.write(header_segment);

  std::vector<char> buffer(kReadBytes);
  for (const auto& [batch, manifest] : assembly.batches()) {
    joiner.begin_segment({manifest.meta.crc32, manifest.meta.uncompressed_bytes, manifest.meta.bytes});
    auto reader = store.open(schema::chunk_id(job, batch));
    while (std::size_t n = reader->read(buffer.data(), buffer.size())) joiner.write({buffer.data(), n});
  }
  joiner.finish();
  cutter.finish();
  uploader.finish();
  return cutter.parts();
}

void checkpoint(const std::atomic<bool>* cancelled, const schema::JobKey& job, const char* before) {
  if (cancelled != nullptr && cancelled->load()) {
    throw UploadCancelled(fmt::format("upload of job {} given up before {}: its next owner takes it over", job.id(), before));
  }
}

// Waits for the header's outcome; a cancelled upload stops waiting (between status polls) and throws UploadCancelled.
// Safe after Process: the next owner finds the header processed and awaits the same one, never uploading twice.
salesforce::HeaderState await_outcome(salesforce::Client& client, const std::string& header_id, const UploadSettings& settings,
                                      const std::atomic<bool>* cancelled, const schema::JobKey& job) {
  std::function<bool()> stop;
  if (cancelled != nullptr) stop = [cancelled] { return cancelled->load(); };
  auto state = client.wait_terminal(header_id, settings.job_timeout, stop);
  if (!salesforce::is_terminal(state.status)) {
    throw UploadCancelled(fmt::format("upload of job {} given up while Salesforce processes header {} (status {}): its "
                                      "next owner awaits that header's outcome", job.id(), header_id, state.status));
  }
  return state;
}

// The budget left once this job goes ahead, or null when the usage is not read; throws QuotaExceeded.
std::optional<QuotaBudget> check_quota(const JobAssembly& assembly, const JobTarget& target, const UploadSettings& settings) {
  if (target.usage == nullptr) return std::nullopt;
  QuotaUsage usage;
  try {
    usage = target.usage->read(target.alias, std::chrono::system_clock::now() - std::chrono::hours(24));
  } catch (const salesforce::ApiError& e) {
    // An org that refuses the usage queries must not stop every upload: Salesforce still enforces its limits
    // at Process, and such a job fails with its StatusMessage. Transient errors retry the job as usual.
    if (e.transient()) throw;
    log::warn("cannot read the 24-hour upload usage; uploading without the quota check",
              {log::field("alias", target.alias), log::field("error", e.what())});
    return std::nullopt;
  }
  const auto& job = assembly.job()->job;
  if (auto excess = quota_excess(usage, assembly.chunk_bytes(), settings.quota, target.alias)) {
    throw QuotaExceeded(*excess, quota_budget(usage, assembly.chunk_bytes(), false, settings.quota, job.org, job.dataset));
  }
  return quota_budget(usage, assembly.chunk_bytes(), true, settings.quota, job.org, job.dataset);
}

salesforce::HeaderState create_and_process(const JobAssembly& assembly, chunkstore::ChunkStore& store,
                                           const JobTarget& target, const UploadSettings& settings,
                                           JobResult& result, const std::atomic<bool>* cancelled) {
  salesforce::Client& client = *target.client;
  const auto& manifest = *assembly.job();
  const auto& dataset = schema::schema().dataset(manifest.job.dataset);
  salesforce::HeaderFields fields;
  fields.alias = result.alias;
  fields.label = fmt::format("{} ({})", dataset.label, manifest.job.org).substr(0, 255);
  fields.container = target.app;
  fields.file_name = manifest.job.file_name();
  fields.operation = target.operation;
  fields.metadata_json = schema::metadata_json(dataset, target.operation);
  checkpoint(cancelled, manifest.job, "creating its header");
  result.header_id = client.create_header(fields);
  result.parts = send_parts(assembly, store, client, result.header_id, settings);
  checkpoint(cancelled, manifest.job, "Process");
  client.start_processing(result.header_id);
  log::info("job processing", {log::field("job", manifest.job.id()), log::field("header", result.header_id),
                               log::field("parts", result.parts)});
  return await_outcome(client, result.header_id, settings, cancelled, manifest.job);
}

}  // namespace

JobResult upload_job(const JobAssembly& assembly, chunkstore::ChunkStore& store, const JobTarget& target,
                     const UploadSettings& settings, const std::atomic<bool>* cancelled) {
  const auto& manifest = *assembly.job();
  salesforce::Client& client = *target.client;
  JobResult result;
  result.job = manifest.job;
  result.operation = target.operation;
  result.records_produced = manifest.records;
  result.rows_expected = assembly.rows();
  result.rejected = assembly.rejected();
  result.batches = static_cast<std::uint32_t>(manifest.batches);
  result.chunk_bytes = assembly.chunk_bytes();
  result.alias = target.alias;

  if (result.rows_expected == 0) {
    // Nothing to load; an Overwrite of nothing would fail on the server and must not empty the dataset silently.
    result.status = "NothingToUpload";
    result.message = "the job has no rows";
    result.ok = manifest.records == 0;
    return result;
  }
  verify_chunks(assembly, store);

  salesforce::HeaderState state;
  auto existing = client.find_header(manifest.job.file_name());
  // A header that failed or was aborted loaded nothing: a replay of the job uploads it again under a new header.
  const bool failed_before = existing && (existing->status == "Failed" || existing->status == "NotProcessed");
  if (failed_before) {
    log::info("the job's previous upload failed; uploading it again", {log::field("job", manifest.job.id()),
              log::field("previous_header", existing->id), log::field("previous_status", existing->status)});
    existing.reset();
  }
  if (existing && existing->action != "None") {
    // Processed before a crash hid the outcome from us: wait for it, never upload the job twice.
    result.header_id = existing->id;
    result.resumed = true;
    log::info("job already processed by Salesforce; awaiting its outcome",
              {log::field("job", manifest.job.id()), log::field("header", existing->id), log::field("status", existing->status)});
    state = await_outcome(client, existing->id, settings, cancelled, manifest.job);
  } else {
    if (existing) {
      checkpoint(cancelled, manifest.job, "replacing its unfinished header");
      log::info("replacing an unfinished header of this job", {log::field("job", manifest.job.id()), log::field("header", existing->id)});
      client.delete_header(existing->id);
    }
    result.quota = check_quota(assembly, target, settings);
    state = create_and_process(assembly, store, target, settings, result, cancelled);
  }
  result.status = state.status;
  result.message = state.status_message;
  if (state.status == "Completed" || state.status == "CompletedWithWarnings") {
    result.rows_in_dataset = client.dataset_row_count(result.alias);
  }
  const bool overwrite = target.operation == "Overwrite";
  const bool rows_match = result.rows_in_dataset && (overwrite ? *result.rows_in_dataset == result.rows_expected
                                                               : *result.rows_in_dataset >= result.rows_expected);
  result.ok = state.status == "Completed" && rows_match;
  if (state.status == "Completed" && !rows_match) {
    result.message = fmt::format("dataset {} reports {} rows after the job, expected {}{}", result.alias,
                                 result.rows_in_dataset ? std::to_string(*result.rows_in_dataset) : "no",
                                 overwrite ? "" : " or more", result.rows_expected);
  }
  return result;
}

}  // namespace insights::uploader
