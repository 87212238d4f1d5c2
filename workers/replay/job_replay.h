#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include "shared/chunkstore/chunk_store.h"
#include "shared/kafka/producer.h"
#include "workers/replay/dead_letters.h"

namespace insights::replay {

struct ReplayCheck {
  bool replayable = false;
  std::string problem;   // why not, and what to do instead
  std::uint64_t batches = 0;
  std::uint64_t rows = 0;
};

// Whether the uploader could take the job again from the chunk store: the job manifest and every batch manifest
// are there, every batch is complete, and every chunk exists and matches its size and SHA-256.
ReplayCheck check_job(const FailedJob& job, const chunkstore::ChunkStore& store);

// check_job for a replay that will happen: the job is first marked replaying in the store, so the chunk retention
// sweep keeps its chunks from then on; a job that fails the check gets its previous mark back.
ReplayCheck claim_job(const FailedJob& job, chunkstore::ChunkStore& store, std::chrono::system_clock::time_point now);

// Hands the job back to the uploader: its manifests go to insights.batches.v1 (key: the job), then a replay marker
// to insights.batches.dlq.v1. The uploader finds any header the job already has, so a replay never doubles rows.
void republish(kafka::Producer& producer, const FailedJob& job, const std::string& now);

}  // namespace insights::replay
