#include "producers/synthetic_producer.h"

#include <fmt/format.h>

#include <fstream>

#include "producers/availability/snapshot_writer.h"
#include "producers/availability/synthetic_snapshot.h"
#include "producers/meetings/synthetic_export.h"
#include "shared/util/error.h"

namespace insights::producers {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw Error(fmt::format("cannot write {}", path.string()));
}

}  // namespace

std::vector<ProducedJob> produce_synthetic_availability(kafka::Producer& producer, const SyntheticNight& night) {
  std::filesystem::create_directories(night.input_dir);
  const auto snapshot = availability::synthetic_snapshot(
      {night.orgs, night.locations_per_org, night.advisors_per_location, night.seed, night.run_date});
  const std::string json = availability::snapshot_to_json(snapshot);
  write_file(night.input_dir / "snapshot.json", json);
  return produce_availability(producer, snapshot, json,
                              {night.run_date, night.run_id, night.operation, night.batch_records, night.terminal});
}

MeetingsResult produce_synthetic_meetings(kafka::Producer& producer, const SyntheticNight& night) {
  std::filesystem::create_directories(night.input_dir);
  const meetings::SyntheticExportOptions options{night.orgs, night.meetings_per_org, night.seed,
                                                 night.run_date + "T23:30:00Z", false};
  const auto reference = night.input_dir / "reference-data.json";
  const auto export_file = night.input_dir / "meetings.ndjson";
  meetings::write_synthetic_reference(reference, options);
  meetings::write_synthetic_export(export_file, options);
  MeetingsRun run;
  run.export_file = export_file;
  run.reference_file = reference;
  run.watermark_dir = night.input_dir / "watermarks";
  run.run_date = night.run_date;
  run.run_id = night.run_id;
  run.operation = night.operation;
  run.batch_records = night.batch_records;
  run.terminal = night.terminal;
  return produce_meetings(producer, run);
}

}  // namespace insights::producers
