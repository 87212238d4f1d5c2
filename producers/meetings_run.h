#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "producers/availability_run.h"
#include "producers/meetings/export_reader.h"
#include "shared/kafka/producer.h"

namespace insights::producers {

struct MeetingsRun {
  std::filesystem::path export_file;
  std::filesystem::path reference_file;
  std::filesystem::path watermark_dir;
  std::string run_date;        // YYYY-MM-DD
  std::string run_id;          // empty: derived per organisation from the run date, the export and its watermark
  std::string operation;       // empty: the dataset's default (Upsert)
  std::uint64_t batch_records = 100'000;
  bool terminal = false;
};

struct MeetingsResult {
  std::vector<ProducedJob> jobs;
  meetings::ExportStats stats;
};

// Reads the export once (rows spooled per organisation on disk), produces one job per organisation with changes,
// flushes, and only then advances each organisation's watermark. Broken reference data stops before anything is
// produced; bad export lines are counted and reported in the stats.
MeetingsResult produce_meetings(kafka::Producer& producer, const MeetingsRun& run);

}  // namespace insights::producers
