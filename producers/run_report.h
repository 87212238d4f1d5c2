#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "producers/job_producer.h"
#include "producers/run_report_state.h"
#include "shared/metrics/registry.h"

namespace insights::producers {

// The data-quality line of one organisation's dataset in a run: what was produced and how far it moved from the
// previous run.
struct RunReportLine {
  std::string org;
  std::string dataset;
  std::string run_id;
  std::uint64_t rows = 0;
  std::optional<std::uint64_t> previous_rows;  // empty on the first recorded run
  std::optional<double> drift_percent;         // |rows - previous| / previous * 100; +inf when previous is 0
  bool drift_warning = false;                  // drift above the configured percent
};

// Percent change from `previous` to `current`, as a magnitude; 0 when both are 0, +inf when only previous is 0.
double row_drift_percent(std::uint64_t previous, std::uint64_t current);

// One line per produced job, compared with `previous` (the stored counts of the job's dataset). A re-run of the
// stored run id compares against that entry's baseline, so re-running a night does not hide its drift.
std::vector<RunReportLine> build_run_report(const std::vector<ProducedJob>& jobs,
                                            const std::map<std::string, RunCount>& previous, double warn_percent);

// The stored counts after a run: each reported org's entry replaced, other orgs kept.
std::map<std::string, RunCount> updated_counts(const std::map<std::string, RunCount>& previous,
                                               const std::vector<RunReportLine>& report, const std::string& at);

struct RunReportSettings {
  std::filesystem::path state_dir;  // where run-counts-<dataset>.json lives
  double warn_percent = 20;
};

// After a delivered run: builds the report against the stored counts, logs one line per org (a warning for
// drift), sets the insights_producer_* series in `registry` (may be null) and stores the new counts.
std::vector<RunReportLine> report_run(const std::vector<ProducedJob>& jobs, const RunReportSettings& settings,
                                      metrics::Registry* registry);

}  // namespace insights::producers
