// `insights uploader` with salesforce.orgs_file: credentials come only from the variable or file an org names,
// a missing one stops the worker at start-up naming it, and a secret never reaches the logs or the DLQ.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "tests/integration/uploader/uploader_fixture.h"
#include "tests/support/child_process.h"

namespace insights::testing {
namespace {

std::vector<std::string> uploader_argv(const UploaderBench& bench, const std::string& orgs_file) {
  return {INSIGHTS_BINARY,
          "--set", "kafka.bootstrap_servers=" + bench.pipeline.cluster.bootstrap_servers(),
          "--set", "kafka.session_timeout_ms=6000",
          "--set", "kafka.extra=fetch.wait.max.ms=10",
          "--set", "chunk_store.path=" + (bench.pipeline.dir / "chunks").string(),
          "--set", "salesforce.orgs_file=" + orgs_file,
          "--set", "uploader.group_id=orgs-process",
          "--set", "log.format=json",
          "uploader"};
}

std::string write_orgs_file(const UploaderBench& bench, const std::string& credentials) {
  const auto path = (bench.pipeline.dir / "orgs.toml").string();
  std::ofstream(path) << "[acme]\nlogin_url = \"" << bench.emulator->base_url()
                      << "\"\nclient_id = \"insights-local\"\n" << credentials << "\n";
  return path;
}

TEST(UploaderOrgsProcess, MissingSecretVariableStopsTheWorkerAtStartNamingIt) {
  UploaderBench bench;
  ::unsetenv("IT_ACME_SECRET_UNSET");
  const auto orgs = write_orgs_file(bench, "client_secret_env = \"IT_ACME_SECRET_UNSET\"");
  const auto log = (bench.pipeline.dir / "uploader.log").string();
  ChildProcess uploader(uploader_argv(bench, orgs), log);
  EXPECT_NE(uploader.wait(), 0);
  const auto text = read_file(log);
  EXPECT_NE(text.find("IT_ACME_SECRET_UNSET"), std::string::npos) << text;
  EXPECT_NE(text.find("acme"), std::string::npos) << text;
}

TEST(UploaderOrgsProcess, RefusedSecretFromAFileNeverReachesLogsOrTheDeadLetterQueue) {
  UploaderBench bench;
  const std::string secret = "it-wrong-secret-4f1c9a";
  const auto secret_file = (bench.pipeline.dir / "acme.secret").string();
  std::ofstream(secret_file) << secret << "\n";
  const auto orgs = write_orgs_file(bench, "client_secret_file = \"" + secret_file + "\"");
  const auto staged = stage_job(bench.store, {"acme", "meetings", "secret-run"}, 100, 100, "Overwrite");
  publish(bench.pipeline.properties(), staged);
  const auto log = (bench.pipeline.dir / "uploader.log").string();
  ChildProcess uploader(uploader_argv(bench, orgs), log);
  const auto dlq = read_batches_dlq(bench.pipeline.properties(), 1, std::chrono::seconds(60));
  uploader.stop();
  ASSERT_EQ(dlq.size(), 1u) << read_file(log);
  EXPECT_NE(json_string(dlq[0], "error").find("invalid_client"), std::string::npos) << dlq[0];
  EXPECT_EQ(dlq[0].find(secret), std::string::npos) << dlq[0];
  const auto text = read_file(log);
  EXPECT_NE(text.find("job failed"), std::string::npos) << text;
  EXPECT_EQ(text.find(secret), std::string::npos) << text;
  EXPECT_TRUE(bench.emulator->headers().empty());
}

}  // namespace
}  // namespace insights::testing
