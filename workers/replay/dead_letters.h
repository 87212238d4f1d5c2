#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "shared/kafka/kafka_conf.h"
#include "shared/schema/dead_letter.h"

namespace insights::replay {

// The latest failure of a job in insights.batches.dlq.v1 that no replay has answered yet.
using FailedJob = schema::JobFailure;

// A record the batcher refused, from insights.records.dlq.v1.
struct RejectedRecord {
  std::string reason;
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string key;
};

struct DeadLetters {
  std::map<std::string, FailedJob> jobs;  // by job id
  std::vector<RejectedRecord> records;
  std::uint64_t unreadable = 0;           // DLQ entries that are not JSON of the documented shape
};

// Reads both DLQ topics from start to end. A job whose newest entry is a replay marker is not listed.
DeadLetters read_dead_letters(const kafka::Properties& properties, bool with_records);

}  // namespace insights::replay
