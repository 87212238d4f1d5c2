// A real `insights uploader` killed with SIGKILL right after Salesforce accepted Action=Process and before the
// offset commit: the restarted uploader finds its own processed header and waits for it instead of uploading again.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include "shared/util/error.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "tests/support/child_process.h"

namespace insights::testing {
namespace {

std::vector<std::string> uploader_argv(const UploaderBench& bench) {
  return {INSIGHTS_BINARY,
          "--set", "kafka.bootstrap_servers=" + bench.pipeline.cluster.bootstrap_servers(),
          "--set", "kafka.session_timeout_ms=6000",
          "--set", "kafka.extra=fetch.wait.max.ms=10",
          "--set", "chunk_store.path=" + (bench.pipeline.dir / "chunks").string(),
          "--set", "salesforce.login_url=" + bench.emulator->base_url(),
          "--set", "uploader.group_id=crash-uploader",
          "--set", "uploader.max_part_bytes=16384",
          "--set", "log.format=json",
          "uploader"};
}

bool process_requested(const emulator::Server& server) {
  for (const auto& request : server.requests()) {
    if (request.method == "PATCH" && request.status / 100 == 2 &&
        request.body_json.find("\"Process\"") != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(UploaderCrash, KilledAfterProcessBeforeCommitMakesNoSecondJob) {
  UploaderBench bench;
  // Processing takes long enough that the kill lands while the uploader still polls the status.
  emulator::Options options = bench.emulator_options();
  options.processing_delay = std::chrono::milliseconds(1500);
  bench.emulator = std::make_unique<emulator::Server>(options);
  ::setenv("INSIGHTS_SALESFORCE_CLIENT_SECRET", options.client_secret.c_str(), 1);

  const auto staged = stage_job(bench.store, {"acme", "meetings", "crash-run"}, 1500, 500, "Overwrite");
  publish(bench.pipeline.properties(), staged);
  const auto log = (bench.pipeline.dir / "uploader.log").string();
  {
    ChildProcess first(uploader_argv(bench), log);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!process_requested(*bench.emulator) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(process_requested(*bench.emulator)) << read_file(log);
    first.signal(SIGKILL);
    EXPECT_EQ(first.wait(), 128 + SIGKILL);
  }
  ASSERT_EQ(bench.emulator->headers().size(), 1u);

  ChildProcess second(uploader_argv(bench), log);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (read_file(log).find("job completed") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  second.stop();
  const auto text = read_file(log);
  EXPECT_NE(text.find("job already processed by Salesforce"), std::string::npos) << text;
  EXPECT_NE(text.find("job completed"), std::string::npos) << text;

  const auto headers = bench.emulator->headers();
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0].status, "Completed");
  EXPECT_EQ(headers[0].file_name, staged.job.job.file_name());
  const auto dataset = bench.emulator->dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), staged.rows);
}

}  // namespace
}  // namespace insights::testing
