#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "emulator/emulator_server.h"
#include "producers/synthetic_producer.h"
#include "shared/chunkstore/chunk_store_factory.h"
#include "shared/kafka/group_offsets.h"
#include "shared/kafka/topic_admin.h"
#include "shared/log/log.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"
#include "shared/util/stop_signal.h"
#include "workers/batcher/batcher.h"
#include "workers/uploader/uploader.h"

namespace insights::cli {
namespace {

struct DemoOptions {
  std::string broker = "auto";
  std::string summary_json;
  std::uint64_t batch_records = 10'000;
  std::uint64_t meetings = 20'000;
  int timeout_s = 300;
};

struct DemoJob {
  std::string org;
  std::string dataset;
  std::uint64_t records = 0;
  std::uint64_t batches = 0;
  std::optional<uploader::JobResult> result;
};

// The demo's night: two organisations, both datasets, from synthetic input through the real producers; sized to
// fit the embedded broker's per-partition limit even if nothing were consumed (about 80,000 records).
producers::SyntheticNight demo_night(const std::filesystem::path& input_dir, const DemoOptions& options) {
  producers::SyntheticNight night;
  night.orgs = {"acme", "northbank"};
  night.input_dir = input_dir;
  night.run_date = "2026-11-24";
  night.batch_records = options.batch_records;
  night.meetings_per_org = options.meetings;
  night.locations_per_org = 2;
  night.advisors_per_location = 5;
  return night;
}

bool external_broker_reachable(const kafka::Properties& properties) {
  try {
    kafka::ensure_topics(properties, {{schema::schema().topics.meetings, 4}}, std::chrono::seconds(3));
    return true;
  } catch (const Error&) {
    return false;
  }
}

void print_table(const std::vector<DemoJob>& jobs) {
  fmt::print("\n{:<10} {:<13} {:>9} {:>8} {:>8} {:>12} {:>6} {:<22} {:>9}\n", "org", "dataset", "records", "rejected",
             "batches", "chunk bytes", "parts", "status", "rows");
  for (const auto& job : jobs) {
    const auto* r = job.result ? &*job.result : nullptr;
    fmt::print("{:<10} {:<13} {:>9} {:>8} {:>8} {:>12} {:>6} {:<22} {:>9}\n", job.org, job.dataset, job.records,
               r ? r->rejected : 0, job.batches,
               r ? r->chunk_bytes : 0, r ? r->parts : 0, r ? r->status : "not finished",
               r && r->rows_in_dataset ? std::to_string(*r->rows_in_dataset) : "-");
  }
}

void write_summary(const std::string& path, const std::vector<DemoJob>& jobs) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("jobs");
  w.StartArray();
  for (const auto& job : jobs) {
    w.StartObject();
    w.Key("org");
    w.String(job.org);
    w.Key("dataset");
    w.String(job.dataset);
    w.Key("records_produced");
    w.Uint64(job.records);
    w.Key("records_rejected");
    w.Uint64(job.result ? job.result->rejected : 0);
    w.Key("batches");
    w.Uint64(job.batches);
    w.Key("rows_in_dataset");
    if (job.result && job.result->rows_in_dataset) {
      w.Uint64(*job.result->rows_in_dataset);
    } else {
      w.Null();
    }
    w.Key("status");
    w.String(job.result ? job.result->status : "not finished");
    w.Key("parts");
    w.Int(job.result ? job.result->parts : 0);
    w.Key("chunk_bytes");
    w.Uint64(job.result ? job.result->chunk_bytes : 0);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::ofstream out(path);
  out << buffer.GetString() << '\n';
  if (!out) throw Error(fmt::format("cannot write the summary to {}", path));
}

int run_demo(const GlobalOptions& global, const DemoOptions& options) {
  StopSignal stop;
  auto config = load_config(global);
  const std::string demo_id = fmt::format("demo-{:%Y%m%dT%H%M%S}", fmt::gmtime(std::time(nullptr)));

  std::unique_ptr<kafka::MockCluster> embedded;
  kafka::Properties properties = kafka_properties(config);
  const bool use_external = options.broker == "external" ||
                            (options.broker == "auto" && external_broker_reachable(properties));
  if (options.broker == "external" && !external_broker_reachable(properties)) {
    throw Error(fmt::format("no Kafka broker answers at {}; start one with scripts/kafka start, or use --broker embedded",
                            config.get("kafka.bootstrap_servers")));
  }
  if (!use_external) {
    embedded = std::make_unique<kafka::MockCluster>(1);
    create_pipeline_topics(*embedded, 4);
    properties = {{"bootstrap.servers", embedded->bootstrap_servers()}, {"session.timeout.ms", "6000"}};
    fmt::print("broker: embedded (librdkafka mock cluster at {}); it keeps at most 5 MB per partition, this demo "
               "stays within that\n", embedded->bootstrap_servers());
  } else {
    fmt::print("broker: Apache Kafka at {}\n", config.get("kafka.bootstrap_servers"));
  }
  const std::string batcher_group = "insights-demo-batcher-" + demo_id;
  const std::string uploader_group = "insights-demo-uploader-" + demo_id;
  if (use_external) {
    // Fresh groups per demo run that start at the log end: a real broker may hold earlier runs.
    const auto& topics = schema::schema().topics;
    const int partitions = static_cast<int>(config.get_int("kafka.topic_partitions"));
    kafka::ensure_topics(properties, {{topics.meetings, partitions}, {topics.availability, partitions},
                                      {topics.batches, partitions}}, std::chrono::seconds(30));
    kafka::start_group_at_end(properties, batcher_group, {topics.meetings, topics.availability}, std::chrono::seconds(30));
    kafka::start_group_at_end(properties, uploader_group, {topics.batches}, std::chrono::seconds(30));
  }

  emulator::Options emulator_options;
  emulator::Server emulator(emulator_options);
  fmt::print("emulator: External Data API at {}\n", emulator.base_url());

  const auto chunk_root = std::filesystem::path("var/demo") / demo_id / "chunks";
  std::filesystem::create_directories(chunk_root);
  auto owned_store = chunkstore::open_chunk_store(chunk_root.string(), {});
  chunkstore::ChunkStore& store = *owned_store;
  fmt::print("chunks: {}\n", chunk_root.string());

  salesforce::Client client({emulator.base_url(), emulator_options.client_id, emulator_options.client_secret}, {});
  uploader::UploaderOptions uploader_options;
  uploader_options.kafka = properties;
  uploader_options.group_id = uploader_group;
  uploader_options.upload = upload_settings(config);

  std::mutex mutex;
  std::vector<uploader::JobResult> results;
  std::atomic<bool> stopping{false};
  batcher::BatcherOptions batcher_options;
  batcher_options.kafka = properties;
  batcher_options.group_id = batcher_group;
  batcher::Batcher batcher(batcher_options, store);
  uploader::Uploader uploader(uploader_options, store, client, [&](const uploader::JobResult& r) {
    std::lock_guard lock(mutex);
    results.push_back(r);
  });
  std::thread batcher_thread([&] { batcher.run([&] { return stopping.load(); }); });
  std::thread uploader_thread([&] { uploader.run([&] { return stopping.load(); }); });
  struct Joiner {
    std::atomic<bool>& stopping;
    std::thread& a;
    std::thread& b;
    ~Joiner() {
      stopping = true;
      if (a.joinable()) a.join();
      if (b.joinable()) b.join();
    }
  } joiner{stopping, batcher_thread, uploader_thread};

  std::vector<DemoJob> jobs;
  std::vector<schema::JobKey> keys;
  kafka::Producer producer(properties);
  const auto night = demo_night(std::filesystem::path("var/demo") / demo_id / "input", options);
  auto availability = producers::produce_synthetic_availability(producer, night);
  auto meetings = producers::produce_synthetic_meetings(producer, night).jobs;
  for (const auto* list : {&meetings, &availability}) {
    for (const auto& produced : *list) {
      jobs.push_back({produced.job.org, produced.job.dataset, produced.totals.records, produced.totals.batches, {}});
      keys.push_back(produced.job);
    }
  }
  fmt::print("produced {} jobs; waiting for the batcher and the uploader...\n", jobs.size());

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_s);
  for (;;) {
    {
      std::lock_guard lock(mutex);
      for (std::size_t i = 0; i < jobs.size(); ++i) {
        for (const auto& r : results) {
          if (r.job == keys[i]) jobs[i].result = r;
        }
      }
    }
    const bool all = std::all_of(jobs.begin(), jobs.end(), [](const DemoJob& j) { return j.result.has_value(); });
    if (all || std::chrono::steady_clock::now() > deadline || stop.stop_requested(std::chrono::milliseconds(200))) break;
  }
  stopping = true;
  print_table(jobs);
  if (!options.summary_json.empty()) write_summary(options.summary_json, jobs);
  const bool ok = std::all_of(jobs.begin(), jobs.end(), [](const DemoJob& j) {
    return j.result && j.result->status == "Completed" && j.result->rows_in_dataset == j.records;
  });
  fmt::print("\n{}\n", ok ? "demo: every job Completed with rows equal to records produced"
                          : "demo: FAILED: not every job Completed with rows equal to records produced");
  return ok ? kExitOk : kExitFailed;
}

}  // namespace

void add_demo_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand("demo", "Run one night for two organisations end to end: embedded (or local) Kafka, "
                                         "batcher, uploader and the External Data API emulator");
  cmd->add_option("--broker", options->broker, "auto (a running local Kafka, else embedded), embedded or external")
      ->check(CLI::IsMember({"auto", "embedded", "external"}))
      ->capture_default_str();
  cmd->add_option("--summary-json", options->summary_json, "Write the per-job summary as JSON to this file");
  cmd->add_option("--batch-records", options->batch_records, "Records per batch")->capture_default_str();
  cmd->add_option("--meetings", options->meetings, "Meetings per organisation")->capture_default_str();
  cmd->add_option("--timeout", options->timeout_s, "Seconds to wait for every job")->capture_default_str();
  cmd->callback([&global, options] {
    if (int code = run_demo(global, *options); code != kExitOk) throw CLI::RuntimeError(code);
  });
}

}  // namespace insights::cli
