#include "producers/run_report.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "producers/schedule.h"
#include "shared/log/log.h"

namespace insights::producers {
namespace {

std::optional<std::uint64_t> baseline_of(const RunCount& stored, const std::string& run_id) {
  return stored.run_id == run_id ? stored.baseline : std::optional<std::uint64_t>(stored.rows);
}

void log_line(const RunReportLine& line, double warn_percent) {
  const auto previous = line.previous_rows ? std::to_string(*line.previous_rows) : std::string("none");
  const auto drift = line.drift_percent ? fmt::format("{:.1f}", *line.drift_percent) : std::string("none");
  if (line.drift_warning) {
    log::warn("row count drift", {log::field("org", line.org), log::field("dataset", line.dataset),
                                  log::field("run", line.run_id), log::field("rows", line.rows),
                                  log::field("previous_rows", previous), log::field("drift_percent", drift),
                                  log::field("warn_percent", warn_percent)});
    return;
  }
  log::info("run report", {log::field("org", line.org), log::field("dataset", line.dataset), log::field("run", line.run_id),
                           log::field("rows", line.rows), log::field("previous_rows", previous),
                           log::field("drift_percent", drift)});
}

void publish(const RunReportLine& line, metrics::Registry& r) {
  const metrics::Labels labels{{"org", line.org}, {"dataset", line.dataset}};
  r.gauge("insights_producer_run_rows", "Records the organisation's last run of the dataset produced", labels)
      .set(static_cast<double>(line.rows));
  r.counter("insights_producer_records_total", "Records produced", {{"dataset", line.dataset}}).add(line.rows);
  if (line.drift_percent) {
    r.gauge("insights_producer_row_drift_percent", "How far the last run's row count moved from the run before, in percent",
            labels)
        .set(*line.drift_percent);
  }
  auto& warnings = r.counter("insights_producer_drift_warnings_total",
                             "Runs whose row count moved more than producer.drift_warn_percent", {{"dataset", line.dataset}});
  if (line.drift_warning) warnings.add();
}

}  // namespace

double row_drift_percent(std::uint64_t previous, std::uint64_t current) {
  if (previous == 0) return current == 0 ? 0.0 : std::numeric_limits<double>::infinity();
  const double diff = std::fabs(static_cast<double>(current) - static_cast<double>(previous));
  return diff / static_cast<double>(previous) * 100.0;
}

std::vector<RunReportLine> build_run_report(const std::vector<ProducedJob>& jobs,
                                            const std::map<std::string, RunCount>& previous, double warn_percent) {
  std::vector<RunReportLine> report;
  for (const auto& job : jobs) {
    RunReportLine line{job.job.org, job.job.dataset, job.job.run, job.totals.records, std::nullopt, std::nullopt, false};
    if (const auto it = previous.find(job.job.org); it != previous.end()) line.previous_rows = baseline_of(it->second, job.job.run);
    if (line.previous_rows) {
      line.drift_percent = row_drift_percent(*line.previous_rows, line.rows);
      line.drift_warning = *line.drift_percent > warn_percent;
    }
    report.push_back(std::move(line));
  }
  return report;
}

std::map<std::string, RunCount> updated_counts(const std::map<std::string, RunCount>& previous,
                                               const std::vector<RunReportLine>& report, const std::string& at) {
  auto counts = previous;
  for (const auto& line : report) counts[line.org] = RunCount{line.run_id, line.rows, at, line.previous_rows};
  return counts;
}

std::vector<RunReportLine> report_run(const std::vector<ProducedJob>& jobs, const RunReportSettings& settings,
                                      metrics::Registry* registry) {
  if (jobs.empty()) return {};
  RunCountStore store(settings.state_dir, jobs.front().job.dataset);
  const auto previous = store.load();
  auto report = build_run_report(jobs, previous, settings.warn_percent);
  for (const auto& line : report) {
    log_line(line, settings.warn_percent);
    if (registry) publish(line, *registry);
  }
  store.save(updated_counts(previous, report, utc_iso8601(std::chrono::system_clock::now())));
  return report;
}

}  // namespace insights::producers
