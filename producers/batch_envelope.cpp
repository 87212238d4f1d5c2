#include "producers/batch_envelope.h"

#include <algorithm>

#include <fmt/format.h>

#include "shared/schema/record_codec.h"
#include "shared/util/error.h"

namespace insights::producers {
namespace {

// Ids are [A-Za-z0-9_.-], so a control character marks the row's place unambiguously. The seq's place is where
// two encodings differing only in seq (two numbers whose first digits differ) first differ.
constexpr std::string_view kRowMark = "\x01\x02row\x02\x01";
constexpr std::uint64_t kSeqMark = 11'111'111'111'111'111'111ULL;
constexpr std::uint64_t kOtherSeq = 2;

void append_decimal(std::string& out, std::uint64_t value) {
  char digits[20];
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out.push_back(digits[--n]);
}

}  // namespace

BatchEnvelope::BatchEnvelope(const schema::JobKey& job, std::uint32_t batch) {
  std::string sample;
  std::string other;
  schema::encode_record(sample, job, batch, kSeqMark, kRowMark);
  schema::encode_record(other, job, batch, kOtherSeq, kRowMark);
  const std::string seq_mark = std::to_string(kSeqMark);
  const auto seq_at = static_cast<std::size_t>(std::mismatch(sample.begin(), sample.end(), other.begin(), other.end()).first -
                                               sample.begin());
  const auto row_at = sample.find(kRowMark);
  if (seq_at >= sample.size() || sample.compare(seq_at, seq_mark.size(), seq_mark) != 0 || row_at == std::string::npos) {
    throw Error(fmt::format("record envelope '{}' does not show its seq and row; BatchEnvelope needs updating", sample));
  }
  seq_first_ = seq_at < row_at;
  const auto first_at = seq_first_ ? seq_at : row_at;
  const auto first_size = seq_first_ ? seq_mark.size() : kRowMark.size();
  const auto second_at = seq_first_ ? row_at : seq_at;
  const auto second_size = seq_first_ ? kRowMark.size() : seq_mark.size();
  text_[0] = sample.substr(0, first_at);
  text_[1] = sample.substr(first_at + first_size, second_at - first_at - first_size);
  text_[2] = sample.substr(second_at + second_size);
}

void BatchEnvelope::encode(std::string& out, std::uint64_t seq, std::string_view row_json) const {
  out.assign(text_[0]);
  if (seq_first_) {
    append_decimal(out, seq);
    out.append(text_[1]).append(row_json);
  } else {
    out.append(row_json).append(text_[1]);
    append_decimal(out, seq);
  }
  out.append(text_[2]);
}

}  // namespace insights::producers
