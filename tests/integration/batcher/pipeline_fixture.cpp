#include "tests/integration/batcher/pipeline_fixture.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

#include "shared/kafka/consumer.h"
#include "shared/schema/schema.h"

namespace insights::testing {

MockPipeline::MockPipeline() {
  const auto& topics = schema::schema().topics;
  for (const auto* topic : {&topics.meetings, &topics.availability, &topics.batches}) cluster.create_topic(*topic, 4);
  cluster.create_topic(topics.records_dlq, 1);
  cluster.create_topic(topics.batches_dlq, 1);
  dir = std::filesystem::temp_directory_path() / ("insights-it-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
}

MockPipeline::~MockPipeline() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

kafka::Properties MockPipeline::properties() const {
  return {{"bootstrap.servers", cluster.bootstrap_servers()}, {"session.timeout.ms", "6000"}, {"fetch.wait.max.ms", "10"}};
}

ManifestsSeen read_manifests(const kafka::Properties& properties, const std::function<bool(const ManifestsSeen&)>& done,
                             std::chrono::seconds timeout) {
  ManifestsSeen seen;
  kafka::Consumer consumer(properties, "manifest-reader-" + std::to_string(std::random_device{}()),
                           {schema::schema().topics.batches}, nullptr);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done(seen) && std::chrono::steady_clock::now() < deadline) {
    auto message = consumer.poll(std::chrono::milliseconds(100));
    if (!message || message->error()) continue;
    auto manifest = schema::decode_manifest(message->payload());
    if (auto* b = std::get_if<schema::BatchManifest>(&manifest)) {
      seen.batches[{b->job.id(), b->batch}] = *b;
    } else {
      auto& j = std::get<schema::JobManifest>(manifest);
      seen.jobs[j.job.id()] = j;
    }
  }
  return seen;
}

std::string inflate_raw(const std::string& compressed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, -15), Z_OK);
  std::string out;
  char buffer[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  int rc = Z_OK;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_SYNC_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  } while (rc == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
  // A chunk has no final block: the inflater must still want more, never report the stream's end.
  EXPECT_TRUE(rc == Z_OK || rc == Z_BUF_ERROR) << "inflate returned " << rc;
  inflateEnd(&z);
  return out;
}

}  // namespace insights::testing
