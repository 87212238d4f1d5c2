#include "tests/integration/pipeline/in_process_pipeline.h"

namespace insights::testing {

namespace {

emulator::Options emulator_options() {
  emulator::Options options;
  options.processing_delay = std::chrono::milliseconds(5);
  return options;
}

// Polls soon after upload so a test waits on the emulator's processing, not on the client's back-off.
salesforce::ClientOptions client_options() {
  salesforce::ClientOptions options;
  options.poll_first = std::chrono::milliseconds(50);
  return options;
}

batcher::BatcherOptions batcher_options(const InProcessPipelineOptions& options, const kafka::Properties& kafka,
                                        metrics::Registry& registry) {
  batcher::BatcherOptions result;
  result.kafka = kafka;
  result.group_id = options.name + "-batcher";
  result.metrics = &registry;
  return result;
}

uploader::UploaderOptions uploader_options(const InProcessPipelineOptions& options, const kafka::Properties& kafka,
                                           metrics::Registry& registry) {
  uploader::UploaderOptions result;
  result.kafka = kafka;
  result.group_id = options.name + "-uploader";
  result.metrics = &registry;
  if (options.max_part_bytes != 0) result.upload.max_part_bytes = options.max_part_bytes;
  return result;
}

}  // namespace

InProcessPipeline::InProcessPipeline(const InProcessPipelineOptions& options)
    : emulator_options_(emulator_options()),
      emulator_(emulator_options_),
      store_(mock_.dir / "chunks"),
      client_({emulator_.base_url(), emulator_options_.client_id, emulator_options_.client_secret}, client_options()),
      health_("127.0.0.1", 0, registry_, {}),
      batcher_(batcher_options(options, mock_.properties(), registry_), store_),
      uploader_(uploader_options(options, mock_.properties(), registry_), store_, client_,
                [this](const uploader::JobResult& result) {
                  std::lock_guard lock(mutex_);
                  results_.push_back(result);
                }),
      batcher_thread_([this] { batcher_.run([this] { return stop_.load(); }); }),
      uploader_thread_([this] { uploader_.run([this] { return stop_.load(); }); }) {}

InProcessPipeline::~InProcessPipeline() { stop(); }

bool InProcessPipeline::wait_for_results(std::size_t count, std::chrono::seconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (results_.size() >= count) return true;
    }
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::vector<uploader::JobResult> InProcessPipeline::results() const {
  std::lock_guard lock(mutex_);
  return results_;
}

void InProcessPipeline::stop() {
  stop_ = true;
  if (batcher_thread_.joinable()) batcher_thread_.join();
  if (uploader_thread_.joinable()) uploader_thread_.join();
}

}  // namespace insights::testing
