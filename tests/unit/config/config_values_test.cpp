#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared/config/config.h"
#include "shared/util/error.h"

namespace insights::config {
namespace {

using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<KeyDef> kDefs = {
    {"uploader.parallel_parts", "3", ""},
    {"uploader.job_timeout", "2h", ""},
    {"batcher.ratio", "0.5", ""},
    {"feature.enabled", "yes", ""},
    {"kafka.extra", "", ""},
    {"salesforce.client_secret", "", "", true},
    {"salesforce.other_secret", "", "", true},
};

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected insights::Error";
  return {};
}

TEST(ConfigValues, TypedGettersParseValues) {
  const Config config = Config::load(kDefs, std::nullopt, {}, {});
  EXPECT_EQ(config.get_int("uploader.parallel_parts"), 3);
  EXPECT_EQ(config.get_duration("uploader.job_timeout"), 2h);
  EXPECT_DOUBLE_EQ(config.get_double("batcher.ratio"), 0.5);
  EXPECT_TRUE(config.get_bool("feature.enabled"));
}

TEST(ConfigValues, BadIntegerNamesKeyValueAndSource) {
  const Config config =
      Config::load(kDefs, std::nullopt, {{"INSIGHTS_UPLOADER_PARALLEL_PARTS", "three"}}, {});
  const auto message = error_of([&] { config.get_int("uploader.parallel_parts"); });
  EXPECT_THAT(message, AllOf(HasSubstr("uploader.parallel_parts"), HasSubstr("'three'"),
                             HasSubstr("INSIGHTS_UPLOADER_PARALLEL_PARTS"), HasSubstr("integer")));
}

TEST(ConfigValues, BadDurationFromFlagNamesTheFlag) {
  const Config config = Config::load(kDefs, std::nullopt, {}, {"uploader.job_timeout=10"});
  EXPECT_EQ(config.source("uploader.job_timeout"), Source::Flag);
  EXPECT_THAT(error_of([&] { config.get_duration("uploader.job_timeout"); }),
              AllOf(HasSubstr("uploader.job_timeout"), HasSubstr("'10'"), HasSubstr("flag"), HasSubstr("duration")));
}

TEST(ConfigValues, BadSecretValueIsNotPrinted) {
  const Config config = Config::load(kDefs, std::nullopt, {}, {"salesforce.client_secret=hunter2"});
  const auto message = error_of([&] { config.get_int("salesforce.client_secret"); });
  EXPECT_THAT(message, AllOf(HasSubstr("salesforce.client_secret"), Not(HasSubstr("hunter2"))));
}

TEST(ConfigValues, UndeclaredKeyIsAnError) {
  const Config config = Config::load(kDefs, std::nullopt, {}, {});
  EXPECT_THAT(error_of([&] { config.get("no.such_key"); }), HasSubstr("'no.such_key' is not declared"));
  Config copy = config;
  EXPECT_THROW(copy.set("no.such_key", "x"), Error);
}

TEST(ConfigValues, SetOverridesAsFlag) {
  Config config = Config::load(kDefs, std::nullopt, {{"INSIGHTS_KAFKA_EXTRA", "a=1"}}, {});
  config.set("kafka.extra", "b=2");
  EXPECT_EQ(config.get("kafka.extra"), "b=2");
  EXPECT_EQ(config.source("kafka.extra"), Source::Flag);
}

TEST(ConfigValues, DescribeListsEverySourceAndHidesSetSecrets) {
  const Config config = Config::load(kDefs, std::nullopt, {{"INSIGHTS_KAFKA_EXTRA", "a=1"}},
                                     {"salesforce.client_secret=hunter2", "uploader.job_timeout=30m"});
  const std::string text = config.describe();
  EXPECT_THAT(text, HasSubstr("uploader.parallel_parts = 3 (default)\n"));
  EXPECT_THAT(text, HasSubstr("kafka.extra = a=1 (environment INSIGHTS_KAFKA_EXTRA)\n"));
  EXPECT_THAT(text, HasSubstr("uploader.job_timeout = 30m (flag)\n"));
  EXPECT_THAT(text, HasSubstr("salesforce.client_secret = *** (flag)\n"));
  EXPECT_THAT(text, HasSubstr("salesforce.other_secret = \"\" (default)\n"));
  EXPECT_THAT(text, Not(HasSubstr("hunter2")));
}

TEST(ConfigValues, SourceNames) {
  EXPECT_EQ(to_string(Source::Default), "default");
  EXPECT_EQ(to_string(Source::File), "file");
  EXPECT_EQ(to_string(Source::Environment), "environment");
  EXPECT_EQ(to_string(Source::Flag), "flag");
}

}  // namespace
}  // namespace insights::config
