#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "shared/config/config.h"
#include "shared/util/error.h"
#include "temp_dir.h"

namespace insights::config {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using test::TempDir;

const std::vector<KeyDef> kDefs = {
    {"kafka.bootstrap_servers", "default:1", "servers"},
    {"kafka.extra", "", "extra"},
    {"log.level", "info", "level"},
    {"uploader.parallel_parts", "3", "parts"},
    {"salesforce.client_secret", "", "secret", true},
};

// Runs `load` and returns the message of the insights::Error it must throw.
template <class F>
std::string error_of(F&& load) {
  try {
    load();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected insights::Error";
  return {};
}

TEST(ConfigLoad, EachSourceOverridesTheOneBelow) {
  TempDir dir;
  const auto file = dir.write("c.toml",
                              "[kafka]\n"
                              "bootstrap_servers = \"file:1\"\n"
                              "extra = \"file-extra\"\n"
                              "[log]\n"
                              "level = \"debug\"\n");
  const std::map<std::string, std::string> env = {{"INSIGHTS_KAFKA_BOOTSTRAP_SERVERS", "env:1"},
                                                  {"INSIGHTS_KAFKA_EXTRA", "env-extra"}};
  const Config config = Config::load(kDefs, file, env, {"kafka.bootstrap_servers=flag:1"});

  EXPECT_EQ(config.get("kafka.bootstrap_servers"), "flag:1");
  EXPECT_EQ(config.source("kafka.bootstrap_servers"), Source::Flag);
  EXPECT_EQ(config.get("kafka.extra"), "env-extra");
  EXPECT_EQ(config.source("kafka.extra"), Source::Environment);
  EXPECT_EQ(config.get("log.level"), "debug");
  EXPECT_EQ(config.source("log.level"), Source::File);
  EXPECT_EQ(config.get("uploader.parallel_parts"), "3");
  EXPECT_EQ(config.source("uploader.parallel_parts"), Source::Default);
  EXPECT_THAT(config.describe(), HasSubstr(fmt::format("log.level = debug (file {}:5)\n", file.string())));
}

TEST(ConfigLoad, LaterOverridesWinAndValuesMayContainEquals) {
  const Config config =
      Config::load(kDefs, std::nullopt, {}, {"kafka.extra=a=1", "log.level=warn", "kafka.extra=a=1,b=2"});
  EXPECT_EQ(config.get("kafka.extra"), "a=1,b=2");
  EXPECT_EQ(config.get("log.level"), "warn");
}

TEST(ConfigLoad, TomlNumbersAndBooleansAreStoredAsText) {
  TempDir dir;
  const std::vector<KeyDef> defs = {{"a.int", "0", ""}, {"a.float", "0", ""}, {"a.flag", "false", ""}};
  const auto file = dir.write("c.toml", "[a]\nint = 42\nfloat = 1.5\nflag = true\n");
  const Config config = Config::load(defs, file, {}, {});
  EXPECT_EQ(config.get("a.int"), "42");
  EXPECT_EQ(config.get_int("a.int"), 42);
  EXPECT_EQ(config.get("a.float"), "1.5");
  EXPECT_TRUE(config.get_bool("a.flag"));
}

TEST(ConfigLoad, DottedTomlKeysMatchSections) {
  TempDir dir;
  const auto file = dir.write("c.toml", "kafka.extra = \"x=1\"\n");
  EXPECT_EQ(Config::load(kDefs, file, {}, {}).get("kafka.extra"), "x=1");
}

TEST(ConfigLoad, UnknownFileKeyNamesKeyFileLineAndSuggestion) {
  TempDir dir;
  const auto file = dir.write("c.toml", "[kafka]\nextra = \"\"\nbootstrap_server = \"x\"\n");
  const auto message = error_of([&] { Config::load(kDefs, file, {}, {}); });
  EXPECT_THAT(message, AllOf(HasSubstr("'kafka.bootstrap_server'"), HasSubstr(file.string()), HasSubstr("line 3"),
                             HasSubstr("did you mean kafka.bootstrap_servers")));
}

TEST(ConfigLoad, FileProblemsAreListedInLineOrder) {
  TempDir dir;
  const auto file = dir.write("c.toml", "[zeta]\nx = 1\n[alpha]\ny = 2\n");
  const auto message = error_of([&] { Config::load(kDefs, file, {}, {}); });
  const auto zeta = message.find("'zeta.x'");
  const auto alpha = message.find("'alpha.y'");
  ASSERT_NE(zeta, std::string::npos) << message;
  ASSERT_NE(alpha, std::string::npos) << message;
  EXPECT_LT(zeta, alpha) << message;
  EXPECT_THAT(message, AllOf(HasSubstr("line 2"), HasSubstr("line 4")));
}

TEST(ConfigLoad, UnknownEnvironmentVariableIsNamedWithSuggestion) {
  const auto message =
      error_of([&] { Config::load(kDefs, std::nullopt, {{"INSIGHTS_KAFKA_BOOTSTRAP_SERVER", "x"}}, {}); });
  EXPECT_THAT(message, AllOf(HasSubstr("environment variable INSIGHTS_KAFKA_BOOTSTRAP_SERVER"),
                             HasSubstr("did you mean INSIGHTS_KAFKA_BOOTSTRAP_SERVERS")));
}

TEST(ConfigLoad, UnknownOverrideKeyIsNamedWithoutItsValue) {
  const auto message = error_of([&] { Config::load(kDefs, std::nullopt, {}, {"log.levle=hunter2"}); });
  EXPECT_THAT(message, AllOf(HasSubstr("'log.levle'"), HasSubstr("did you mean log.level"),
                             Not(HasSubstr("hunter2"))));
}

TEST(ConfigLoad, OverrideWithoutEqualsIsRefusedWithoutEchoingIt) {
  const auto message = error_of([&] { Config::load(kDefs, std::nullopt, {}, {"log.level=info", "s3cr3t"}); });
  EXPECT_THAT(message, AllOf(HasSubstr("#2"), HasSubstr("key=value"), Not(HasSubstr("s3cr3t"))));
}

TEST(ConfigLoad, OtherVariablesAndTheConfigFileVariableAreIgnored) {
  const Config config =
      Config::load(kDefs, std::nullopt, {{"PATH", "/bin"}, {std::string(kConfigFileVariable), "/etc/x.toml"}}, {});
  EXPECT_EQ(config.get("log.level"), "info");
}

TEST(ConfigLoad, AllProblemsAreReportedTogether) {
  const auto message = error_of([&] {
    Config::load(kDefs, std::nullopt, {{"INSIGHTS_NOPE", "1"}}, {"also.nope=1"});
  });
  EXPECT_THAT(message, AllOf(HasSubstr("2 problems"), HasSubstr("INSIGHTS_NOPE"), HasSubstr("also.nope")));
}

TEST(ConfigLoad, MissingNamedFileIsAnError) {
  TempDir dir;
  const auto missing = dir.path() / "absent.toml";
  const auto message = error_of([&] { Config::load(kDefs, missing, {}, {}); });
  EXPECT_THAT(message, AllOf(HasSubstr(missing.string()), HasSubstr("does not exist")));
}

TEST(ConfigLoad, TomlSyntaxErrorNamesFileLineAndColumn) {
  TempDir dir;
  const auto file = dir.write("c.toml", "[kafka]\nextra = \"ok\"\nbootstrap_servers = = 3\n");
  const auto message = error_of([&] { Config::load(kDefs, file, {}, {}); });
  EXPECT_THAT(message, AllOf(HasSubstr(file.string()), HasSubstr("line 3"), HasSubstr("column"),
                             HasSubstr("syntax")));
}

TEST(ConfigLoad, TomlArraysAreRefusedWithTheirLine) {
  TempDir dir;
  const auto file = dir.write("c.toml", "[kafka]\n\nextra = [1, 2]\n");
  const auto message = error_of([&] { Config::load(kDefs, file, {}, {}); });
  EXPECT_THAT(message, AllOf(HasSubstr("kafka.extra"), HasSubstr("line 3"), HasSubstr("array")));
}

TEST(ConfigLoad, SecretIsReadFromFileNamedInEnvironment) {
  TempDir dir;
  const auto secret = dir.write("secret", "s3cr3t\n");
  const Config config =
      Config::load(kDefs, std::nullopt, {{"INSIGHTS_SALESFORCE_CLIENT_SECRET_FILE", secret.string()}}, {});
  EXPECT_EQ(config.get("salesforce.client_secret"), "s3cr3t");
  EXPECT_EQ(config.source("salesforce.client_secret"), Source::Environment);
}

TEST(ConfigLoad, SecretFileMayBeNamedInTomlAndEnvironmentValueWins) {
  TempDir dir;
  const auto secret = dir.write("secret", "from-file\r\n");
  const auto file = dir.write("c.toml", fmt::format("[salesforce]\nclient_secret_file = \"{}\"\n", secret.string()));
  EXPECT_EQ(Config::load(kDefs, file, {}, {}).get("salesforce.client_secret"), "from-file");
  const Config config = Config::load(kDefs, file, {{"INSIGHTS_SALESFORCE_CLIENT_SECRET", "from-env"}}, {});
  EXPECT_EQ(config.get("salesforce.client_secret"), "from-env");
}

TEST(ConfigLoad, FileVariantExistsOnlyForSecrets) {
  const auto message = error_of([&] { Config::load(kDefs, std::nullopt, {{"INSIGHTS_KAFKA_EXTRA_FILE", "/x"}}, {}); });
  EXPECT_THAT(message, HasSubstr("INSIGHTS_KAFKA_EXTRA_FILE"));
}

TEST(ConfigLoad, SecretGivenTwiceInTheEnvironmentIsAnError) {
  TempDir dir;
  const auto secret = dir.write("secret", "from-file");
  const auto message = error_of([&] {
    Config::load(kDefs, std::nullopt,
                 {{"INSIGHTS_SALESFORCE_CLIENT_SECRET", "direct"},
                  {"INSIGHTS_SALESFORCE_CLIENT_SECRET_FILE", secret.string()}},
                 {});
  });
  EXPECT_THAT(message, AllOf(HasSubstr("INSIGHTS_SALESFORCE_CLIENT_SECRET_FILE"), HasSubstr("only one"),
                             Not(HasSubstr("direct")), Not(HasSubstr("from-file"))));
}

TEST(ConfigLoad, MissingSecretFileNamesPathAndVariable) {
  TempDir dir;
  const auto missing = dir.path() / "nope";
  const auto message = error_of([&] {
    Config::load(kDefs, std::nullopt, {{"INSIGHTS_SALESFORCE_CLIENT_SECRET_FILE", missing.string()}}, {});
  });
  EXPECT_THAT(message, AllOf(HasSubstr(missing.string()), HasSubstr("INSIGHTS_SALESFORCE_CLIENT_SECRET_FILE")));
}

TEST(ConfigLoad, RegistryMistakesAreReported) {
  const std::vector<KeyDef> duplicate = {{"a.b", "1", ""}, {"a.b", "2", ""}};
  EXPECT_THAT(error_of([&] { Config::load(duplicate, std::nullopt, {}, {}); }), HasSubstr("declared twice"));
  const std::vector<KeyDef> bad_name = {{"A.B", "1", ""}};
  EXPECT_THAT(error_of([&] { Config::load(bad_name, std::nullopt, {}, {}); }), HasSubstr("'A.B'"));
  const std::vector<KeyDef> same_env = {{"a.b_c", "1", ""}, {"a_b.c", "2", ""}};
  EXPECT_THAT(error_of([&] { Config::load(same_env, std::nullopt, {}, {}); }), HasSubstr("INSIGHTS_A_B_C"));
}

TEST(ConfigLoad, ProcessEnvironmentHoldsOnlyInsightsVariables) {
  ASSERT_EQ(::setenv("INSIGHTS_UNIT_TEST_PROBE", "probe=value", 1), 0);
  const auto env = Config::process_environment();
  ::unsetenv("INSIGHTS_UNIT_TEST_PROBE");
  ASSERT_EQ(env.count("INSIGHTS_UNIT_TEST_PROBE"), 1U);
  EXPECT_EQ(env.at("INSIGHTS_UNIT_TEST_PROBE"), "probe=value");
  for (const auto& [name, value] : env) EXPECT_TRUE(name.starts_with("INSIGHTS_")) << name;
}

TEST(ConfigLoad, ScriptVariablesAreNotConfigKeysButTyposAre) {
  const std::map<std::string, std::string> tooling = {{"INSIGHTS_KAFKA_STATE", "/tmp/k"}, {"INSIGHTS_CACHE_DIR", "/tmp/c"}};
  EXPECT_NO_THROW(Config::load(kDefs, std::nullopt, tooling, {}));
  const std::map<std::string, std::string> typo = {{"INSIGHTS_KAFKA_BOOTSTRAP_SERVER", "x:1"}};
  EXPECT_THAT(error_of([&] { Config::load(kDefs, std::nullopt, typo, {}); }), HasSubstr("INSIGHTS_KAFKA_BOOTSTRAP_SERVER"));
}

}  // namespace
}  // namespace insights::config
