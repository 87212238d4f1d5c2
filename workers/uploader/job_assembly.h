#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "shared/schema/manifest.h"

namespace insights::uploader {

// Gathers the manifests of one job until it can be uploaded (or is known to be broken).
class JobAssembly {
 public:
  enum class State { Waiting, Ready, Broken };

  void add(const schema::BatchManifest& manifest);
  void add(const schema::JobManifest& manifest);

  State state() const;
  // Why the job cannot be uploaded (State::Broken), or what it still waits for (State::Waiting).
  std::string explain() const;

  const std::optional<schema::JobManifest>& job() const { return job_; }
  const std::map<std::uint32_t, schema::BatchManifest>& batches() const { return batches_; }
  std::uint64_t rows() const;
  std::uint64_t rejected() const;
  std::uint64_t chunk_bytes() const;

 private:
  std::optional<schema::JobManifest> job_;
  std::map<std::uint32_t, schema::BatchManifest> batches_;
};

}  // namespace insights::uploader
