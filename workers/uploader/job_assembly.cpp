#include "workers/uploader/job_assembly.h"

#include <fmt/format.h>

namespace insights::uploader {

void JobAssembly::add(const schema::BatchManifest& manifest) {
  auto [it, inserted] = batches_.try_emplace(manifest.batch, manifest);
  // A complete manifest supersedes an incomplete one (the run was re-produced); equal ones are re-publications.
  if (!inserted && (manifest.complete || !it->second.complete)) it->second = manifest;
}

void JobAssembly::add(const schema::JobManifest& manifest) { job_ = manifest; }

std::uint64_t JobAssembly::rows() const {
  std::uint64_t n = 0;
  for (const auto& [batch, m] : batches_) n += m.meta.records;
  return n;
}

std::uint64_t JobAssembly::rejected() const {
  std::uint64_t n = 0;
  for (const auto& [batch, m] : batches_) n += m.meta.rejected;
  return n;
}

std::uint64_t JobAssembly::chunk_bytes() const {
  std::uint64_t n = 0;
  for (const auto& [batch, m] : batches_) n += m.meta.bytes;
  return n;
}

JobAssembly::State JobAssembly::state() const {
  if (!job_) return State::Waiting;
  for (std::uint32_t b = 0; b < job_->batches; ++b) {
    auto it = batches_.find(b);
    if (it == batches_.end()) return State::Waiting;
  }
  for (const auto& [batch, m] : batches_) {
    if (!m.complete || batch >= job_->batches) return State::Broken;
  }
  if (rows() + rejected() != job_->records) return State::Broken;
  return State::Ready;
}

std::string JobAssembly::explain() const {
  if (!job_) return fmt::format("waiting for the job manifest (run_end); {} batch manifests so far", batches_.size());
  std::string missing;
  std::uint64_t missing_count = 0;
  for (std::uint32_t b = 0; b < job_->batches; ++b) {
    if (batches_.count(b)) continue;
    if (++missing_count <= 20) missing += (missing.empty() ? "" : ",") + std::to_string(b);
  }
  if (missing_count) return fmt::format("waiting for {} of {} batches: {}{}", missing_count, job_->batches, missing, missing_count > 20 ? ",..." : "");
  for (const auto& [batch, m] : batches_) {
    if (!m.complete) return fmt::format("batch {} is incomplete: {}", batch, m.reason);
    if (batch >= job_->batches) return fmt::format("batch {} is beyond the job's {} batches", batch, job_->batches);
  }
  if (rows() + rejected() != job_->records) {
    return fmt::format("the batches hold {} rows and {} rejected records, but run_end announced {} records", rows(),
                       rejected(), job_->records);
  }
  return "ready";
}

}  // namespace insights::uploader
