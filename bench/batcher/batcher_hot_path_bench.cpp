// The batcher's hot path without Kafka: decode a record's JSON, validate it into a CSV row, compress the row into
// the chunk's deflate segment. Reports records/s; the compressor alone on the same CSV is the yardstick.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "producers/synthetic/meetings_generator.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/gzip/segment_writer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "workers/batcher/open_batch.h"

namespace {

using namespace insights;

const schema::JobKey kJob{"acme", "meetings", "bench"};

const std::vector<std::string>& records() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    std::uint64_t seq = 0;
    synthetic::generate_meetings({"acme", 100'000, 1, "2026-11-24T23:30:00Z"}, [&](std::string_view row) {
      std::string payload;
      schema::encode_record(payload, kJob, 0, seq++, row);
      out.push_back(std::move(payload));
    });
    return out;
  }();
  return all;
}

const std::string& csv_of_records() {
  static const std::string csv = [] {
    schema::RecordDecoder decoder;
    schema::RowToCsv converter(schema::schema().dataset("meetings"));
    std::string out;
    for (const auto& r : records()) converter.append(*decoder.decode("record", r).row, out);
    return out;
  }();
  return csv;
}

void BM_DecodeToCsv(benchmark::State& state) {
  schema::RecordDecoder decoder;
  schema::RowToCsv converter(schema::schema().dataset("meetings"));
  std::string out;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& r = records()[i++ % records().size()];
    out.clear();
    converter.append(*decoder.decode("record", r).row, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeToCsv);

void BM_CompressorAlone(benchmark::State& state) {
  const std::string& csv = csv_of_records();
  std::uint64_t sink = 0;
  for (auto _ : state) {
    gzip::SegmentWriter writer(static_cast<int>(state.range(0)), [&](std::string_view b) { sink += b.size(); });
    writer.write(csv);
    benchmark::DoNotOptimize(writer.finish());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records().size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
  state.counters["ratio"] = static_cast<double>(sink) / static_cast<double>(state.iterations() * csv.size());
}
BENCHMARK(BM_CompressorAlone)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// A whole batch of 100,000 records: decode, CSV, compress, chunk written and fsynced.
void BM_BatchToChunk(benchmark::State& state) {
  const auto root = std::filesystem::temp_directory_path() / ("bench-chunks-" + std::to_string(std::random_device{}()));
  chunkstore::FileChunkStore store(root);
  schema::RecordDecoder decoder;
  schema::RowToCsv converter(schema::schema().dataset("meetings"));
  std::uint32_t batch_number = 0;
  for (auto _ : state) {
    const std::uint32_t n = batch_number++;
    batcher::OpenBatch batch(kJob, n, 0, store.create(schema::chunk_id(kJob, n)), 1);
    std::uint64_t seq = 0;
    for (const auto& r : records()) {
      const auto& decoded = decoder.decode("record", r);
      batch.first_sighting(seq++);
      converter.append(*decoded.row, batch.csv_buffer());
      batch.row_added();
    }
    benchmark::DoNotOptimize(batch.commit());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records().size()));
  std::filesystem::remove_all(root);
}
BENCHMARK(BM_BatchToChunk)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
