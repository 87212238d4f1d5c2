#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/schema/job.h"
#include "shared/schema/schema.h"

namespace insights::schema {

// A data record's envelope as encode_record writes it, past the job.
struct CanonicalEnvelope {
  std::uint64_t batch = 0;
  std::uint64_t seq = 0;
  std::size_t row_at = 0;  // offset of the row object's '{' in the message
};

// Reads records in the form the producers write them straight into their CSV line, in one pass and without views:
// compact JSON, the envelope in encode_record's order, row members in the dataset's field order (absent optional
// fields allowed), escapes other than \u, numbers without exponents. It accepts only what RecordScanner followed by
// RowToCsv accepts and writes the bytes they would write (a differential test holds it to that). Anything else it
// declines, whatever the reason, and the caller takes that general path, whose results and error messages stand.
class CanonicalRecordReader {
 public:
  CanonicalRecordReader();

  // How encode_record starts a record of `job` (ids validated, so never escaped), up to its batch number.
  static std::string job_prefix(const JobKey& job);

  // The envelope of a record of the job whose job_prefix() is given, or nothing when the message does not start
  // with it in the canonical form.
  std::optional<CanonicalEnvelope> envelope(std::string_view payload, std::string_view job_prefix) const;

  // Writes the CSV line of the row at `row_at` (which must end the message) into `out`, growing it when needed, and
  // returns its length; 0 when declined. `dataset` must be one of schema()'s datasets.
  std::size_t write_row(const DatasetDef& dataset, std::string_view payload, std::size_t row_at, std::string& out) const;

  struct FieldPlan {
    std::string key;  // "name":
    char padded_key[32] = {};  // its first 32 bytes, zero-padded
    std::uint32_t key_mask = 0;  // one bit per byte of `key` in padded_key
    FieldType type = FieldType::Text;
    bool multi_value = false;
    bool required = false;
    std::size_t char_limit = 0;  // Text
    std::size_t precision = 0;   // Numeric
    std::size_t scale = 0;       // Numeric
  };
  struct RowPlan {
    const DatasetDef* dataset = nullptr;
    std::vector<FieldPlan> fields;
    std::size_t growth = 0;  // bytes a CSV line can exceed its JSON by, plus room for 16-byte stores
  };

 private:
  const RowPlan* plan_for(const DatasetDef& dataset) const;
  std::vector<RowPlan> plans_;
};

}  // namespace insights::schema
