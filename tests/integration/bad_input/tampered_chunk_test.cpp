// A chunk deleted, corrupted or truncated in the store between batcher and uploader: the size and SHA-256 check
// catches it before anything reaches Salesforce, the job goes to insights.batches.dlq.v1 naming the chunk, other jobs
// complete, and `insights replay --dry-run` refuses the job saying why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "shared/kafka/producer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/schema.h"
#include "tests/integration/bad_input/bad_input_fixture.h"
#include "tests/integration/uploader/uploader_fixture.h"
#include "tests/support/child_process.h"
#include "workers/uploader/job_targets.h"

namespace insights::testing {
namespace {

struct Tamper {
  std::string run;
  std::function<void(const std::filesystem::path& chunk)> apply;
  std::string says;  // what the error must say besides the chunk's name
};

std::vector<Tamper> tampers() {
  return {
      {"chunk-deleted", [](const std::filesystem::path& chunk) { ASSERT_TRUE(std::filesystem::remove(chunk)); }, "does not exist"},
      {"chunk-flipped",
       [](const std::filesystem::path& chunk) {
         std::fstream file(chunk, std::ios::in | std::ios::out | std::ios::binary);
         ASSERT_TRUE(file.good());
         file.seekg(static_cast<std::streamoff>(std::filesystem::file_size(chunk) / 2));
         const char byte = static_cast<char>(file.get());
         file.seekp(static_cast<std::streamoff>(std::filesystem::file_size(chunk) / 2));
         file.put(static_cast<char>(byte ^ 0x01));
       },
       "SHA-256"},
      {"chunk-truncated",
       [](const std::filesystem::path& chunk) {
         std::filesystem::resize_file(chunk, std::filesystem::file_size(chunk) / 2);
       },
       "bytes, expected"},
  };
}

TEST(TamperedChunks, SizeAndShaCheckSendTheJobToTheDeadLetterQueueNamingTheChunkAndReplayRefusesIt) {
  UploaderBench bench;
  const auto emulator_options = bench.emulator_options();
  salesforce::Client client({bench.emulator->base_url(), emulator_options.client_id, emulator_options.client_secret},
                            bench.client_options());
  const auto options = bench.uploader_options("bad-input-uploader");
  uploader::JobTargets targets(client, nullptr, options.upload);
  RunningBatcher running(bench.pipeline, bench.pipeline.dir / "chunks");
  UploaderThread uploader(options, bench.store, targets);

  const auto cases = tampers();
  const schema::JobKey good{"acme", "meetings", "untouched"};
  const auto rows = meeting_rows("acme", 8, 6);
  std::vector<schema::JobKey> jobs;
  for (const auto& c : cases) jobs.push_back({"acme", "meetings", c.run});
  jobs.push_back(good);
  kafka::Producer producer(bench.pipeline.properties());
  for (const auto& job : jobs) {
    for (std::uint32_t batch : {0u, 1u}) {
      for (std::uint64_t seq = 0; seq < 4; ++seq) send(producer, job.batch_key(batch), "record", record(job, batch, seq, rows[4 * batch + seq]));
      send(producer, job.batch_key(batch), "batch_end", schema::encode_batch_end(job, batch, 4));
    }
  }
  producer.flush(std::chrono::seconds(30));

  // The chunks are written; their jobs wait for run_end. Now the store loses or garbles batch 1 of each bad job.
  const auto seen = scan_manifests(bench.pipeline.properties(), [&](const ManifestsSeen& s) { return s.batches.size() >= 2 * jobs.size(); });
  ASSERT_EQ(seen.batches.size(), 2 * jobs.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto chunk = bench.pipeline.dir / "chunks" / (bench.store.name(schema::chunk_id(jobs[i], 1)) + ".deflate");
    ASSERT_TRUE(std::filesystem::exists(chunk)) << chunk;
    cases[i].apply(chunk);
  }
  for (const auto& job : jobs) send(producer, job.id(), "run_end", schema::encode_run_end(job, 2, 8, "Upsert"));
  producer.flush(std::chrono::seconds(30));

  const auto results = uploader.wait_for(jobs.size(), std::chrono::seconds(30));
  ASSERT_EQ(results.size(), jobs.size());
  std::vector<std::string> dlq;
  scan_topic(bench.pipeline.properties(), schema::schema().topics.batches_dlq, [&](const kafka::Message& m) {
    dlq.emplace_back(m.payload());
    return dlq.size() >= cases.size();
  });
  ASSERT_EQ(dlq.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].run);
    const auto& job = jobs[i];
    const std::string chunk_name = bench.store.name(schema::chunk_id(job, 1));
    const auto result = std::find_if(results.begin(), results.end(), [&](const auto& r) { return r.job == job; });
    ASSERT_NE(result, results.end());
    EXPECT_FALSE(result->ok);
    EXPECT_NE(result->message.find(chunk_name), std::string::npos) << result->message;
    const auto entry = std::find_if(dlq.begin(), dlq.end(), [&](const auto& e) { return json_string(e, "job") == job.id(); });
    ASSERT_NE(entry, dlq.end());
    const std::string error = json_string(*entry, "error");
    EXPECT_NE(error.find(chunk_name), std::string::npos) << error;
    EXPECT_NE(error.find(cases[i].says), std::string::npos) << error;
    EXPECT_EQ(json_int(*entry, "attempts"), 1) << "a damaged chunk is not retried";
  }
  const auto headers = bench.emulator->headers();
  ASSERT_EQ(headers.size(), 1u) << "nothing of a job with a damaged chunk reached Salesforce";
  EXPECT_EQ(headers[0].file_name, good.file_name());
  const auto dataset = bench.emulator->dataset("meetings_acme");
  ASSERT_TRUE(dataset.has_value());
  EXPECT_EQ(dataset->rows.size(), 8u);

  // The operator's view: a dry-run replay refuses each job and says which chunk and what to do.
  const std::string out = (bench.pipeline.dir / "replay.out").string();
  ChildProcess replay({INSIGHTS_BINARY, "--set", "kafka.bootstrap_servers=" + bench.pipeline.cluster.bootstrap_servers(),
                       "--set", "chunk_store.path=" + (bench.pipeline.dir / "chunks").string(), "replay", "--all",
                       "--dry-run"},
                      out);
  EXPECT_EQ(replay.wait(), 1);
  const std::string printed = read_file(out);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto line_at = printed.find("cannot replay " + jobs[i].id() + ":");
    ASSERT_NE(line_at, std::string::npos) << printed;
    const auto line = printed.substr(line_at, printed.find('\n', line_at) - line_at);
    EXPECT_NE(line.find(bench.store.name(schema::chunk_id(jobs[i], 1))), std::string::npos) << line;
  }
  EXPECT_NE(printed.find("0 job(s) would be replayed, 3 refused"), std::string::npos) << printed;
}

}  // namespace
}  // namespace insights::testing
