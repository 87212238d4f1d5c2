#include "shared/config/key_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace insights::config {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(EnvName, UpperCasesAndReplacesDots) {
  EXPECT_EQ(env_name("kafka.bootstrap_servers"), "INSIGHTS_KAFKA_BOOTSTRAP_SERVERS");
  EXPECT_EQ(env_name("log.level"), "INSIGHTS_LOG_LEVEL");
  EXPECT_EQ(env_name("chunk_store.path"), "INSIGHTS_CHUNK_STORE_PATH");
}

const std::vector<std::string> kKnown = {"kafka.bootstrap_servers", "kafka.extra", "batcher.group_id",
                                         "uploader.group_id", "log.level"};

TEST(CloseMatches, FindsTypos) {
  EXPECT_THAT(close_matches("kafka.bootstrap_server", kKnown), ElementsAre("kafka.bootstrap_servers"));
  EXPECT_THAT(close_matches("kafka.bootstarp_servers", kKnown), ElementsAre("kafka.bootstrap_servers"));
  EXPECT_THAT(close_matches("log.levle", kKnown), ElementsAre("log.level"));
}

TEST(CloseMatches, FindsKeyGivenWithoutOrUnderWrongSection) {
  EXPECT_THAT(close_matches("bootstrap_servers", kKnown), ElementsAre("kafka.bootstrap_servers"));
  EXPECT_THAT(close_matches("kafka.group_id", kKnown), ElementsAre("batcher.group_id", "uploader.group_id"));
}

TEST(CloseMatches, IgnoresCaseAndUnrelatedNames) {
  EXPECT_THAT(close_matches("LOG.LEVEL", kKnown), ElementsAre("log.level"));
  EXPECT_THAT(close_matches("completely.different", kKnown), IsEmpty());
}

TEST(DidYouMean, FormatsSuggestionsOrNothing) {
  EXPECT_EQ(did_you_mean("log.levl", kKnown), " (did you mean log.level?)");
  EXPECT_EQ(did_you_mean("zzz", kKnown), "");
}

}  // namespace
}  // namespace insights::config
