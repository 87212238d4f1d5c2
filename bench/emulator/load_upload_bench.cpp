// Rows per CPU second of the emulator's processing of one upload (gunzip, UTF-8 check, CSV parse, per-cell
// validation, dataset store), on an availability upload shaped like the batcher's: the emulator does this for
// every row of the night on one thread, after the uploads arrive.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "emulator/dataset_store.h"
#include "emulator/metadata_validator.h"
#include "emulator/upload_loader.h"
#include "shared/schema/metadata_json.h"
#include "shared/schema/schema.h"
#include "tests/support/zlib_gzip.h"

namespace {

using namespace insights::emulator;

// A value of the field's type as the batcher writes it: ids, UTC stamps, small numbers.
std::string cell_value(const FieldSpec& field, std::size_t row) {
  const auto hour = row % 24;
  const auto day = 1 + (row / 24) % 28;
  switch (field.type) {
    case FieldType::Date:
      if (field.format != "yyyy-MM-dd'T'HH:mm:ss'Z'") throw std::runtime_error("unexpected date format " + field.format);
      return fmt::format("2026-11-{:02}T{:02}:00:00Z", day, hour);
    case FieldType::Numeric:
      return std::to_string(row % 61);
    case FieldType::Text:
      break;
  }
  if (field.is_unique_id) return fmt::format("org01/loc-{}/adv-{}-{}/2026-11-{:02}T{:02}:00:00Z", row / 100'000, row / 1440, row % 7, day, hour);
  return fmt::format("{}-{}", field.name.substr(0, 6), row % 13);
}

struct Upload {
  UploadSchema schema;
  std::shared_ptr<const std::string> bytes;
};

Upload availability_upload(std::size_t rows) {
  const auto& dataset = insights::schema::schema().dataset("availability");
  Upload upload{parse_metadata_json(insights::schema::metadata_json(dataset, "Overwrite")), nullptr};
  std::string csv;
  for (std::size_t i = 0; i < upload.schema.fields.size(); ++i) csv += (i ? "," : "") + upload.schema.fields[i].name;
  csv += '\n';
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t i = 0; i < upload.schema.fields.size(); ++i) {
      if (i > 0) csv += ',';
      csv += cell_value(upload.schema.fields[i], row);
    }
    csv += '\n';
  }
  upload.bytes = std::make_shared<const std::string>(insights::testing::gzip_member(csv));
  return upload;
}

void BM_LoadAndStoreUpload(benchmark::State& state) {
  const auto rows = static_cast<std::size_t>(state.range(0));
  const auto upload = availability_upload(rows);
  RecordIdGenerator ids;
  DatasetStore store(ids);
  // Ten organisations' datasets stay loaded, as in a night: the store grows instead of reusing one upload's memory.
  std::size_t org = 0;
  for (auto _ : state) {
    auto loaded = load_upload({PartData{1, upload.bytes}}, upload.schema, false);
    if (loaded.rows.size() != rows) state.SkipWithError("rows were rejected");
    const auto alias = fmt::format("availability_org{:02}", org++ % 10);
    benchmark::DoNotOptimize(store.apply("Overwrite", alias, "", std::move(loaded)));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
}

BENCHMARK(BM_LoadAndStoreUpload)->Arg(200'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
