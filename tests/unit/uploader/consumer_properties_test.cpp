#include "workers/uploader/consumer_properties.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace insights::uploader {
namespace {

// The value librdkafka ends up with: properties are set in order, the last one of a key wins.
std::optional<std::string> effective(const kafka::Properties& properties, const std::string& key) {
  std::optional<std::string> value;
  for (const auto& [k, v] : properties) {
    if (k == key) value = v;
  }
  return value;
}

TEST(UploaderConsumerProperties, MaxPollIntervalOutlastsTheClientRetryDeadlineAndTheDlqFlush) {
  const auto all = uploader_consumer_properties({{"bootstrap.servers", "localhost:9092"}});
  const auto interval = effective(all, "max.poll.interval.ms");
  ASSERT_TRUE(interval.has_value());
  // Salesforce retry deadline 600 s + DLQ flush 60 s, with a margin.
  EXPECT_GE(std::stol(*interval), 660'000);
  EXPECT_EQ(effective(all, "bootstrap.servers"), "localhost:9092");
}

TEST(UploaderConsumerProperties, UserSettingWins) {
  const auto all = uploader_consumer_properties({{"max.poll.interval.ms", "7000"}});
  EXPECT_EQ(effective(all, "max.poll.interval.ms"), "7000");
}

}  // namespace
}  // namespace insights::uploader
