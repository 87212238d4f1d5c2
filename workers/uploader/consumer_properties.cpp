#include "workers/uploader/consumer_properties.h"

namespace insights::uploader {

kafka::Properties uploader_consumer_properties(const kafka::Properties& properties) {
  // librdkafka applies properties in order, so a later entry (the user's) replaces the default.
  kafka::Properties all{{"max.poll.interval.ms", kUploaderMaxPollIntervalMs}};
  all.insert(all.end(), properties.begin(), properties.end());
  return all;
}

}  // namespace insights::uploader
