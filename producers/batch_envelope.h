#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/schema/job.h"

namespace insights::producers {

// Encodes the records of one batch exactly as schema::encode_record does, but formats the parts that are the same
// for every record of the batch (version, job ids, batch number) once: per record it only appends the sequence
// number and the row. The fixed parts are cut out of encode_record's own output, so the two cannot drift apart.
class BatchEnvelope {
 public:
  BatchEnvelope(const schema::JobKey& job, std::uint32_t batch);

  // Replaces `out` with the record's payload.
  void encode(std::string& out, std::uint64_t seq, std::string_view row_json) const;

 private:
  // text_[0] seq-or-row text_[1] row-or-seq text_[2]
  std::array<std::string, 3> text_;
  bool seq_first_ = true;
};

}  // namespace insights::producers
