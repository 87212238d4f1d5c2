#pragma once
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "shared/schema/record_codec.h"

namespace insights::schema {

// Wraps a producer's row as the producers do and expects the canonical reader to take it and write `csv`: a
// producer that stopped writing the canonical form would quietly send every record down the slow path.
inline void expect_canonical(RecordDecoder& decoder, const JobKey& job, std::string_view row, std::string_view csv) {
  std::string payload;
  encode_record(payload, job, 0, 0, "{}");
  decoder.decode("record", payload);  // the first record of a job is validated by the general path
  payload.clear();
  encode_record(payload, job, 1, 2, row);
  const Decoded& decoded = decoder.decode_to_csv("record", payload);
  EXPECT_EQ(decoded.row, nullptr) << "declined by the canonical reader: " << row;
  EXPECT_EQ(decoded.csv, csv) << row;
}

}  // namespace insights::schema
