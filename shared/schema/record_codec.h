#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/schema/canonical_record_reader.h"
#include "shared/schema/job.h"
#include "shared/schema/record_handler.h"
#include "shared/schema/record_scanner.h"
#include "shared/schema/row_view.h"
#include "shared/schema/schema.h"
#include "shared/util/error.h"

namespace insights::schema {

// Values of the Kafka header that tells data records and control records apart.
enum class Kind { Record, BatchEnd, RunEnd };
std::string_view to_string(Kind kind);

// A record that cannot be used; the message is the reason stored with it in the records DLQ.
class RecordError : public Error {
 public:
  using Error::Error;
};

struct Decoded {
  Kind kind = Kind::Record;
  int version = 0;
  JobKey job;
  std::uint32_t batch = 0;
  std::uint64_t seq = 0;        // Record
  std::uint64_t count = 0;      // BatchEnd
  std::uint64_t batches = 0;    // RunEnd
  std::uint64_t records = 0;    // RunEnd
  std::string operation;        // RunEnd
  const DatasetDef* dataset = nullptr;  // the schema's definition of job.dataset
  const RowView* row = nullptr;  // Record; valid until the next decode()
  // Record read by decode_to_csv() in the producers' canonical form: its row's CSV line, validated, instead of
  // `row`; valid until the next decode.
  std::string_view csv;
};

// Decodes and validates the envelope of data-topic messages in one RecordScanner pass (UTF-8 checked on the way) and
// leaves the row as views for RowToCsv; reuses its buffers across calls, so steady-state decoding does not allocate.
class RecordDecoder {
 public:
  // Throws RecordError naming what is wrong.
  const Decoded& decode(std::string_view kind_header, std::string_view payload);
  // As decode(), but a record in the producers' canonical form comes with its row already converted (Decoded::csv,
  // as RowToCsv would write it); any other message is decoded as decode() does, with `row` for RowToCsv.
  const Decoded& decode_to_csv(std::string_view kind_header, std::string_view payload);

 private:
  void decode_job();
  bool decode_canonical(std::string_view payload);
  RecordScanner scanner_;
  CanonicalRecordReader canonical_;
  std::string csv_;  // the canonical path's CSV line; only grows
  std::string job_prefix_;  // how a canonical record of out_.job starts
  RecordHandler handler_;
  Decoded out_;
  bool job_valid_ = false;  // out_.job passed validate_job; most records repeat the previous record's job
};

// True when `key` is exactly job.batch_key(batch), without building that string.
bool is_batch_key(std::string_view key, const JobKey& job, std::uint32_t batch);

// Appends the JSON of a data record around an already-encoded row object.
void encode_record(std::string& out, const JobKey& job, std::uint32_t batch, std::uint64_t seq, std::string_view row_json);
std::string encode_batch_end(const JobKey& job, std::uint32_t batch, std::uint64_t count);
std::string encode_run_end(const JobKey& job, std::uint64_t batches, std::uint64_t records, std::string_view operation);

bool valid_operation(std::string_view operation);  // Overwrite, Upsert, Append

}  // namespace insights::schema
