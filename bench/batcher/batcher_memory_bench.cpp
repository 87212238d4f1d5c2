// Batcher memory with many batches open: 64 open batches (as when producers of many organisations interleave)
// filled round-robin with realistic meeting records until each is written. Reports the process's peak RSS from
// the OS (VmHWM) after each size of night; the figure must not grow with the records per batch.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>

#include "bench/batcher/meeting_records.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "workers/batcher/open_batch.h"

namespace {

using namespace insights;
using bench::kBenchJob;

constexpr std::uint32_t kOpenBatches = 64;

// A few thousand distinct rows, re-enveloped per record, so the input itself does not weigh on the figure.
const std::vector<std::string>& row_pool() {
  static const std::vector<std::string> rows = bench::meeting_rows(4096);
  return rows;
}

// Kilobytes of a /proc/self/status line such as VmHWM or VmRSS.
double status_mb(const std::string& name) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(name + ":", 0) == 0) return std::stod(line.substr(name.size() + 1)) / 1024.0;
  }
  return 0;
}

void BM_BatcherMemory(benchmark::State& state) {
  const auto per_batch = static_cast<std::uint64_t>(state.range(0));
  const auto root = std::filesystem::temp_directory_path() / ("bench-memory-" + std::to_string(std::random_device{}()));
  chunkstore::FileChunkStore store(root);
  schema::RecordDecoder decoder;
  schema::RowToCsv converter(schema::schema().dataset("meetings"));
  const auto& rows = row_pool();
  std::string payload;
  std::uint32_t first_batch = 0;
  for (auto _ : state) {
    std::vector<std::unique_ptr<batcher::OpenBatch>> open;
    for (std::uint32_t b = 0; b < kOpenBatches; ++b) {
      const std::uint32_t n = first_batch + b;
      open.push_back(std::make_unique<batcher::OpenBatch>(kBenchJob, n, 0, store.create(schema::chunk_id(kBenchJob, n)), 1));
    }
    for (std::uint64_t seq = 0; seq < per_batch; ++seq) {
      for (std::uint32_t b = 0; b < kOpenBatches; ++b) {
        payload.clear();
        schema::encode_record(payload, kBenchJob, first_batch + b, seq, rows[(seq * kOpenBatches + b) % rows.size()]);
        const auto& decoded = decoder.decode("record", payload);
        auto& batch = *open[b];
        batch.first_sighting(decoded.seq);
        converter.append(*decoded.row, batch.csv_buffer());
        batch.row_added();
      }
    }
    for (auto& batch : open) benchmark::DoNotOptimize(batch->commit());
    first_batch += kOpenBatches;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(per_batch * kOpenBatches));
  state.counters["peak_rss_mb"] = status_mb("VmHWM");
  std::filesystem::remove_all(root);
}
// Growing nights in one process: VmHWM only rises, so equal figures mean memory does not grow with the night.
BENCHMARK(BM_BatcherMemory)->Arg(2'000)->Arg(20'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
