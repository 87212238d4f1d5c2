#pragma once
#include "shared/kafka/kafka_conf.h"

namespace insights::uploader {

// The uploader's consumer thread still makes synchronous calls between polls: report_waiting_jobs looks a header up
// under the Salesforce client's retry policy (up to its 600 s deadline) and dead_letter flushes the producer for up
// to 60 s. librdkafka's default max.poll.interval.ms (300 s) would evict the worker during such a call, so the
// uploader asks for 900 s: the retry deadline, the flush and a margin.
inline constexpr const char* kUploaderMaxPollIntervalMs = "900000";

// `properties` (kafka.extra and the rest) after the uploader's own defaults, so a user's setting wins.
kafka::Properties uploader_consumer_properties(const kafka::Properties& properties);

}  // namespace insights::uploader
