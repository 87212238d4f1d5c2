// The batcher's hot path without Kafka: decode a record's JSON, validate it into a CSV row, compress the row into
// the chunk's deflate segment. Reports records/s; the compressor alone on the same CSV is the yardstick.
// Records are the meetings producer's own rows; their mean JSON and CSV sizes are reported as counters.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "bench/batcher/meeting_records.h"
#include "shared/chunkstore/file_chunk_store.h"
#include "shared/gzip/segment_writer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "shared/util/prefetch.h"
#include "workers/batcher/open_batch.h"

namespace {

using namespace insights;
using bench::kBenchJob;

constexpr std::size_t kBatchRecords = 100'000;

const std::vector<std::string>& records() {
  static const std::vector<std::string> all = bench::meeting_records(bench::meeting_rows(kBatchRecords));
  return all;
}

double json_bytes_per_record() {
  std::size_t bytes = 0;
  for (const auto& r : records()) bytes += r.size();
  return static_cast<double>(bytes) / static_cast<double>(records().size());
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

// The batcher's row step: the canonical reader's line when it read the record, else RowToCsv on the views.
void append_csv(const schema::Decoded& decoded, schema::RowToCsv& converter, std::string& out) {
  if (decoded.row == nullptr) {
    out.append(decoded.csv);
  } else {
    converter.append(*decoded.row, out);
  }
}

void size_counters(benchmark::State& state) {
  state.counters["json_bytes_per_record"] = json_bytes_per_record();
  state.counters["csv_bytes_per_record"] =
      static_cast<double>(csv_of_records().size()) / static_cast<double>(records().size());
}

enum class Path { Batcher, General, DecodeOnly };

// Decodes records in turn, cycling over the first `window` of them: all 100,000 leaves each payload cold when it
// comes round (BM_BatchToChunk prefetches the next one, as the batcher's consumer does); 1,000 stay in cache and
// show the CPU cost alone.
void decode_records(benchmark::State& state, Path path, std::size_t window) {
  csv_of_records();  // generated before the clock starts
  schema::RecordDecoder decoder;
  schema::RowToCsv converter(schema::schema().dataset("meetings"));
  std::string out;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& record = records()[i++ % window];
    out.clear();
    switch (path) {
      case Path::Batcher: append_csv(decoder.decode_to_csv("record", record), converter, out); break;
      case Path::General: converter.append(*decoder.decode("record", record).row, out); break;
      case Path::DecodeOnly: benchmark::DoNotOptimize(decoder.decode("record", record).row); break;
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  size_counters(state);
}

// The batcher's decode and CSV step: the canonical reader, which takes the producers' records.
void BM_DecodeToCsv(benchmark::State& state) { decode_records(state, Path::Batcher, records().size()); }
BENCHMARK(BM_DecodeToCsv);
void BM_DecodeToCsvCached(benchmark::State& state) { decode_records(state, Path::Batcher, 1000); }
BENCHMARK(BM_DecodeToCsvCached);
// The general path the batcher takes for records in any other form: RecordScanner, then RowToCsv on the views.
void BM_DecodeToCsvGeneral(benchmark::State& state) { decode_records(state, Path::General, records().size()); }
BENCHMARK(BM_DecodeToCsvGeneral);
// The general path's decode half alone, to split its cost between JSON and CSV.
void BM_Decode(benchmark::State& state) { decode_records(state, Path::DecodeOnly, records().size()); }
BENCHMARK(BM_Decode);
void BM_DecodeCached(benchmark::State& state) { decode_records(state, Path::DecodeOnly, 1000); }
BENCHMARK(BM_DecodeCached);

void BM_CompressorAlone(benchmark::State& state) {
  const std::string& csv = csv_of_records();
  std::uint64_t sink = 0;
  for (auto _ : state) {
    gzip::SegmentWriter writer(static_cast<int>(state.range(0)), [&](std::string_view b) { sink += b.size(); });
    // In the slices OpenBatch hands it, so the per-call cost is the same as in the batcher.
    for (std::size_t at = 0; at < csv.size(); at += 128 * 1024) writer.write(std::string_view(csv).substr(at, 128 * 1024));
    benchmark::DoNotOptimize(writer.finish());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records().size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
  state.counters["ratio"] = static_cast<double>(sink) / static_cast<double>(state.iterations() * csv.size());
  size_counters(state);
}
BENCHMARK(BM_CompressorAlone)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// A whole batch of 100,000 records at compression level range(0): the batcher's per-record work (next payload
// prefetched, decode, key check, duplicate bitmap, CSV, compress) and the chunk written and fsynced.
void BM_BatchToChunk(benchmark::State& state) {
  const auto root = std::filesystem::temp_directory_path() / ("bench-chunks-" + std::to_string(std::random_device{}()));
  chunkstore::FileChunkStore store(root);
  schema::RecordDecoder decoder;
  schema::RowToCsv converter(schema::schema().dataset("meetings"));
  csv_of_records();
  const std::string key = kBenchJob.batch_key(0);
  std::uint32_t batch_number = 0;
  std::uint64_t compressed = 0;
  for (auto _ : state) {
    const std::uint32_t n = batch_number++;
    batcher::OpenBatch batch(kBenchJob, n, 0, store.create(schema::chunk_id(kBenchJob, n)), static_cast<int>(state.range(0)));
    const auto& all = records();
    for (std::size_t i = 0; i < all.size(); ++i) {
      // The batcher's consumer holds the next message and prefetches it (kafka::Consumer's lookahead).
      if (i + 1 < all.size()) prefetch(all[i + 1]);
      const auto& decoded = decoder.decode_to_csv("record", all[i]);
      if (!schema::is_batch_key(key, decoded.job, decoded.batch)) state.SkipWithError("key mismatch");
      batch.first_sighting(decoded.seq);
      append_csv(decoded, converter, batch.csv_buffer());
      batch.row_added();
    }
    compressed += batch.commit().bytes;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records().size()));
  state.counters["ratio"] = static_cast<double>(compressed) / static_cast<double>(state.iterations() * csv_of_records().size());
  size_counters(state);
  std::filesystem::remove_all(root);
}
BENCHMARK(BM_BatchToChunk)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// BM_BatchToChunk's per-record work without a chunk (no compression, no file): with BM_CompressorAlone, it shows
// what the batch path costs beyond its two halves.
void BM_BatchWithoutChunk(benchmark::State& state) {
  schema::RecordDecoder decoder;
  schema::RowToCsv converter(schema::schema().dataset("meetings"));
  csv_of_records();
  const std::string key = kBenchJob.batch_key(0);
  for (auto _ : state) {
    batcher::OpenBatch batch(kBenchJob, 0, 0, nullptr, 1);
    for (const auto& r : records()) {
      const auto& decoded = decoder.decode_to_csv("record", r);
      if (!schema::is_batch_key(key, decoded.job, decoded.batch)) state.SkipWithError("key mismatch");
      batch.first_sighting(decoded.seq);
      append_csv(decoded, converter, batch.csv_buffer());
      batch.row_added();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(records().size()));
}
BENCHMARK(BM_BatchWithoutChunk)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
