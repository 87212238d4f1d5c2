#include "producers/meetings_run.h"

#include <fstream>

#include "producers/meetings/reference_data.h"
#include "producers/meetings/row_spool.h"
#include "producers/meetings/watermark_store.h"
#include "producers/progress.h"
#include "producers/run_id.h"
#include "shared/codec/sha256.h"
#include "shared/log/log.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"

namespace insights::producers {
namespace {

std::string file_digest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("cannot read {}", file.string()));
  codec::Sha256 sha;
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    sha.update({buffer.data(), static_cast<std::size_t>(in.gcount())});
  }
  return sha.hex_digest();
}

}  // namespace

MeetingsResult produce_meetings(kafka::Producer& producer, const MeetingsRun& run) {
  const auto reference = meetings::load_reference_data(run.reference_file);
  meetings::WatermarkStore watermarks(run.watermark_dir);
  const std::string operation = run.operation.empty() ? schema::schema().dataset("meetings").default_operation : run.operation;
  const std::string export_digest = run.run_id.empty() ? file_digest(run.export_file) : std::string();

  MeetingsResult result;
  meetings::RowSpool spool;
  {
    Progress reading("meetings export", 0, run.terminal);
    result.stats = meetings::read_export(run.export_file, reference, watermarks,
                                         [&](const std::string& org, std::string_view row, std::string_view) {
                                           spool.append(org, row);
                                           reading.add();
                                         });
  }
  for (const auto& problem : result.stats.problems) log::warn("bad export line", {log::field("problem", problem)});

  for (const auto& org : result.stats.orgs) {
    const std::string input = export_digest + "|" + org.org + "|" + watermarks.get(org.org).value_or("");
    const std::string run_id = run.run_id.empty() ? derived_run_id(run.run_date, input) : run.run_id;
    const JobSpec spec{{org.org, "meetings", run_id}, operation, run.batch_records, org.rows, run.terminal};
    result.jobs.push_back(produce_job(producer, spec, [&](const auto& sink) { spool.replay(org.org, sink); }));
  }
  producer.flush(std::chrono::minutes(5));
  // Only delivered runs move the watermarks: a failed run is exported again next time.
  for (const auto& org : result.stats.orgs) watermarks.advance(org.org, org.max_last_modified);
  return result;
}

}  // namespace insights::producers
