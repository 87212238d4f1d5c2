#pragma once
#include <string>
#include <vector>

#include "shared/schema/job.h"

namespace insights::schema {

// An entry of insights.batches.dlq.v1: a job that failed for good, with what is needed to replay it.
struct JobFailure {
  JobKey job;
  std::string error;
  std::string status;
  int attempts = 0;
  std::string time;                    // when it failed, UTC ISO-8601
  std::vector<std::string> manifests;  // the job's manifests as published, JSON
};

std::string encode_job_failure(const JobFailure& failure);
// The entry that marks a job as handed back to the uploader (docs/records.md).
std::string encode_replay_marker(const JobKey& job, const std::string& time);

}  // namespace insights::schema
