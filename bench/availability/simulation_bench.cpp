// Rows per second of simulate_organisation alone (issue 7's goal: 2,000,000 rows/s on one core), on a realistic
// synthetic snapshot built before timing starts. Rates are per CPU second: the machine may be shared.
#include <benchmark/benchmark.h>

#include "producers/availability/availability.h"

namespace {

using insights::availability::SyntheticSnapshotOptions;

void BM_SimulateOrganisation(benchmark::State& state) {
  SyntheticSnapshotOptions options;
  options.orgs = {"acme"};
  options.locations_per_org = static_cast<std::uint32_t>(state.range(0));
  options.advisors_per_location = static_cast<std::uint32_t>(state.range(1));
  const auto snapshot = insights::availability::synthetic_snapshot(options);
  std::uint64_t rows = 0;
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    rows += insights::availability::simulate_organisation(snapshot, "acme", {options.run_date},
                                                          [&](std::string_view row) { bytes += row.size(); });
  }
  benchmark::DoNotOptimize(bytes);
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_SimulateOrganisation)->Args({2, 5})->Args({10, 20})->Unit(benchmark::kMillisecond);

// Reading a snapshot is part of every night too: bytes/s of parse_snapshot on the synthetic file form.
void BM_ParseSnapshot(benchmark::State& state) {
  SyntheticSnapshotOptions options;
  options.orgs = {"acme"};
  options.locations_per_org = 10;
  options.advisors_per_location = 20;
  const auto json = insights::availability::snapshot_to_json(insights::availability::synthetic_snapshot(options));
  for (auto _ : state) {
    auto snapshot = insights::availability::parse_snapshot(json, "synthetic");
    benchmark::DoNotOptimize(snapshot);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(json.size() * state.iterations()));
  state.counters["snapshot_bytes"] = static_cast<double>(json.size());
}

BENCHMARK(BM_ParseSnapshot)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
