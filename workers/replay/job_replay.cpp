#include "workers/replay/job_replay.h"

#include <fmt/format.h>

#include <set>

#include "shared/chunkstore/retention.h"
#include "shared/schema/manifest.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"

namespace insights::replay {
namespace {

std::string rebuild_advice(const schema::JobKey& job) {
  return fmt::format("re-run the producer for org {} dataset {} with run id {} (insights produce {} --run-id {}); the "
                     "batcher rebuilds the missing chunks and the uploader takes the job",
                     job.org, job.dataset, job.run, job.dataset, job.run);
}

}  // namespace

ReplayCheck check_job(const FailedJob& failed, const chunkstore::ChunkStore& store) {
  ReplayCheck check;
  std::optional<schema::JobManifest> job;
  std::map<std::uint32_t, schema::BatchManifest> batches;
  try {
    for (const auto& json : failed.manifests) {
      auto manifest = schema::decode_manifest(json);
      if (auto* m = std::get_if<schema::JobManifest>(&manifest)) {
        job = *m;
      } else {
        auto& b = std::get<schema::BatchManifest>(manifest);
        batches[b.batch] = b;
      }
    }
  } catch (const schema::RecordError& e) {
    check.problem = fmt::format("a stored manifest is unreadable ({}); {}", e.what(), rebuild_advice(failed.job));
    return check;
  }
  if (!job) {
    check.problem = fmt::format("the DLQ entry has no job manifest (run_end never arrived); {}", rebuild_advice(failed.job));
    return check;
  }
  check.batches = job->batches;
  for (std::uint32_t b = 0; b < job->batches; ++b) {
    auto it = batches.find(b);
    if (it == batches.end()) {
      check.problem = fmt::format("batch {} never arrived; {}", b, rebuild_advice(failed.job));
      return check;
    }
    if (!it->second.complete) {
      check.problem = fmt::format("batch {} is incomplete ({}); {}", b, it->second.reason, rebuild_advice(failed.job));
      return check;
    }
    try {
      store.verify(schema::chunk_id(failed.job, b), it->second.meta);
    } catch (const Error& e) {
      check.problem = fmt::format("{}; {}", e.what(), rebuild_advice(failed.job));
      return check;
    }
    check.rows += it->second.meta.records;
  }
  check.replayable = true;
  return check;
}

ReplayCheck claim_job(const FailedJob& failed, chunkstore::ChunkStore& store, std::chrono::system_clock::time_point now) {
  const chunkstore::JobPath job{failed.job.org, failed.job.dataset, failed.job.run};
  const auto previous = chunkstore::read_job_state_record(store, job);
  // Marked before the check: a sweep that already decided to expire the job either finds the mark changed and
  // stops, or has removed chunks that the check below then misses.
  chunkstore::mark_job_replaying(store, job, now);
  ReplayCheck check = check_job(failed, store);
  if (!check.replayable) chunkstore::restore_job_state(store, job, previous);
  return check;
}

void republish(kafka::Producer& producer, const FailedJob& failed, const std::string& now) {
  const auto& topics = schema::schema().topics;
  const std::string key = failed.job.id();
  for (const auto& manifest : failed.manifests) producer.produce(topics.batches, key, manifest);
  producer.flush(std::chrono::seconds(60));
  // Only once the manifests are durable may the DLQ say the job was handed back.
  producer.produce(topics.batches_dlq, key, schema::encode_replay_marker(failed.job, now));
  producer.flush(std::chrono::seconds(60));
}

}  // namespace insights::replay
