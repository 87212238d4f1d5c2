#include "bench/batcher/meeting_records.h"

#include <unistd.h>

#include <filesystem>

#include "producers/meetings/export_reader.h"
#include "producers/meetings/reference_data.h"
#include "producers/meetings/synthetic_export.h"
#include "producers/meetings/watermark_store.h"
#include "shared/schema/record_codec.h"

namespace insights::bench {

std::vector<std::string> meeting_rows(std::size_t count) {
  const auto dir = std::filesystem::temp_directory_path() / ("bench-meetings-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  meetings::SyntheticExportOptions options;
  options.orgs = {kBenchJob.org};
  // About a ninth of the export is scheduled or cancelled and not exported.
  options.meetings_per_org = count + count / 4 + 100;
  meetings::write_synthetic_reference(dir / "reference.json", options);
  meetings::write_synthetic_export(dir / "export.ndjson", options);
  const auto reference = meetings::load_reference_data(dir / "reference.json");
  const meetings::WatermarkStore watermarks(dir / "watermarks");
  std::vector<std::string> rows;
  rows.reserve(count);
  meetings::read_export(dir / "export.ndjson", reference, watermarks,
                        [&](const std::string&, std::string_view row, std::string_view) {
                          if (rows.size() < count) rows.emplace_back(row);
                        });
  std::filesystem::remove_all(dir);
  return rows;
}

std::vector<std::string> meeting_records(const std::vector<std::string>& rows) {
  std::vector<std::string> records;
  records.reserve(rows.size());
  std::uint64_t seq = 0;
  for (const auto& row : rows) {
    std::string payload;
    schema::encode_record(payload, kBenchJob, 0, seq++, row);
    records.push_back(std::move(payload));
  }
  return records;
}

}  // namespace insights::bench
