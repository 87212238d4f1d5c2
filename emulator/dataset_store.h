#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/emulator_records.h"
#include "emulator/record_id.h"
#include "emulator/upload_loader.h"
#include "emulator/upload_schema.h"

namespace insights::emulator {

struct DatasetRef {
  std::string id;
  std::string alias;
  std::string current_version_id;
};

// The datasets that processed jobs built, with the version history the wave endpoints serve. Thread-safe.
class DatasetStore {
 public:
  explicit DatasetStore(RecordIdGenerator& ids);

  // Applies Overwrite, Append, Upsert or Delete and returns the row count afterwards. Throws insights::Error
  // (the job's StatusMessage) when the upload does not fit the dataset; the dataset is then unchanged.
  std::size_t apply(std::string_view operation, const std::string& alias, const std::string& container,
                    LoadedUpload upload);

  std::optional<Dataset> snapshot(const std::string& alias, std::optional<std::size_t> row_limit = std::nullopt) const;
  std::optional<DatasetRef> find(const std::string& alias_or_id) const;
  std::optional<std::size_t> version_row_count(const std::string& dataset_id, const std::string& version_id) const;
  // The app a dataset lives in; empty for the private app; nullopt when there is no such dataset.
  std::optional<std::string> container_of(const std::string& alias) const;

 private:
  // The rows of one applied upload, never changed: a dataset's rows point into these instead of being copied,
  // so an operation copies 8 bytes per row at most, and an Overwrite of ten million rows copies none.
  struct Segment {
    std::shared_ptr<const RowTable> table;
    std::vector<std::size_t> column_of;  // column_of[dataset column]: the table's column holding it
  };
  struct RowRef {
    std::uint32_t segment = 0;
    std::uint32_t row = 0;
  };
  struct Stored {
    std::string id;
    std::string alias;
    std::string container;
    std::vector<FieldSpec> fields;
    std::vector<Segment> segments;
    std::vector<RowRef> rows;  // in dataset order
    std::vector<std::pair<std::string, std::size_t>> versions;  // version id, row count

    std::string_view cell(RowRef ref, std::size_t column) const {
      const auto& segment = segments[ref.segment];
      return segment.table->cell(ref.row, segment.column_of[column]);
    }
    // Adds the upload's rows as a segment; returns its index. `mapping[upload column]` is the dataset column.
    std::uint32_t add_segment(RowTable rows, const std::vector<std::size_t>& mapping);
  };

  const Stored* find_locked(const std::string& alias_or_id) const;
  void record_version(Stored& dataset);
  // Forgets uploads none of whose rows the dataset still holds (replaced by Upsert or removed by Delete).
  static void drop_unused_segments(Stored& dataset);

  RecordIdGenerator& ids_;
  mutable std::mutex mutex_;
  std::map<std::string, Stored> datasets_;  // by alias
};

}  // namespace insights::emulator
