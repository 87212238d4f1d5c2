#include "producers/batch_envelope.h"

#include <gtest/gtest.h>

#include "shared/schema/record_codec.h"

namespace insights::producers {
namespace {

std::string codec_record(const schema::JobKey& job, std::uint32_t batch, std::uint64_t seq, std::string_view row) {
  std::string out;
  schema::encode_record(out, job, batch, seq, row);
  return out;
}

TEST(BatchEnvelope, EncodesExactlyWhatTheCodecEncodes) {
  const schema::JobKey job{"org_7", "availability", "2026-11-24-abc.1"};
  const std::string row = R"({"slot_id":"a/b/c/2026-11-24T10:00:00Z","available_minutes":60})";
  std::string out = "left over from the previous record";
  for (const std::uint32_t batch : {0U, 1U, 99U, 4'294'967'295U}) {
    const BatchEnvelope envelope(job, batch);
    for (const std::uint64_t seq : {0ULL, 7ULL, 10ULL, 99'999ULL, 18'446'744'073'709'551'615ULL}) {
      envelope.encode(out, seq, row);
      EXPECT_EQ(out, codec_record(job, batch, seq, row)) << "batch " << batch << " seq " << seq;
    }
  }
}

TEST(BatchEnvelope, FindsTheSeqWhenAnIdHoldsTheSameDigits) {
  const schema::JobKey job{"org11111111111111111111", "availability", "2"};
  std::string out;
  BatchEnvelope(job, 1).encode(out, 5, "{}");
  EXPECT_EQ(out, codec_record(job, 1, 5, "{}"));
}

TEST(BatchEnvelope, DecodesAsTheRecordItWasGiven) {
  const schema::JobKey job{"org01", "availability", "run-1"};
  std::string out;
  BatchEnvelope(job, 3).encode(out, 42, R"({"k":"v"})");
  schema::RecordDecoder decoder;
  const auto& decoded = decoder.decode(schema::to_string(schema::Kind::Record), out);
  EXPECT_EQ(decoded.job.org, "org01");
  EXPECT_EQ(decoded.batch, 3U);
  EXPECT_EQ(decoded.seq, 42U);
}

}  // namespace
}  // namespace insights::producers
