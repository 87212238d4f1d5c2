#include "shared/config/config_keys.h"

#include <gtest/gtest.h>
#include <set>

#include "shared/config/config.h"
#include "shared/config/value_parsers.h"

namespace insights::config {
namespace {

TEST(KeyDefinitions, LoadWithoutProblemsAndAllHaveDescriptions) {
  const auto& defs = key_definitions();
  const Config config = Config::load(defs, std::nullopt, {}, {});
  for (const auto& def : defs) {
    EXPECT_FALSE(def.description.empty()) << def.key;
    EXPECT_EQ(config.get(def.key), def.default_value) << def.key;
    EXPECT_EQ(config.source(def.key), Source::Default) << def.key;
  }
}

TEST(KeyDefinitions, DeclareTheDocumentedDefaults) {
  const Config config = Config::load(key_definitions(), std::nullopt, {}, {});
  EXPECT_EQ(config.get("kafka.bootstrap_servers"), "127.0.0.1:19092");
  EXPECT_EQ(config.get_int("producer.batch_records"), 100000);
  EXPECT_EQ(config.get_int("uploader.max_part_bytes"), 8388608);
  EXPECT_EQ(config.get_duration("uploader.job_timeout"), std::chrono::hours(2));
  EXPECT_EQ(config.get("salesforce.api_version"), "v62.0");
  EXPECT_EQ(config.get("log.format"), "auto");
}

TEST(KeyDefinitions, OnlyTheClientSecretIsSecret) {
  std::set<std::string> secrets;
  for (const auto& def : key_definitions()) {
    if (def.secret) secrets.insert(def.key);
  }
  EXPECT_EQ(secrets, std::set<std::string>{"salesforce.client_secret"});
}

}  // namespace
}  // namespace insights::config
