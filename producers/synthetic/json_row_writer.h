#pragma once
#include <cstdint>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "producers/synthetic/utc_time.h"

namespace insights::synthetic {

// Writes one JSON object per row into a buffer reused for every row, so that millions of rows cost no
// allocations beyond the buffer's growth to the longest row.
class JsonRowWriter {
 public:
  JsonRowWriter();
  JsonRowWriter(const JsonRowWriter&) = delete;
  JsonRowWriter& operator=(const JsonRowWriter&) = delete;

  void begin_row();
  void text(std::string_view key, std::string_view value);
  void integer(std::string_view key, std::int64_t value);
  // A Numeric with scale 2, written exactly (e.g. 26.50) rather than through a double.
  void hundredths(std::string_view key, std::int64_t value);
  void timestamp(std::string_view key, UtcSeconds value);
  void begin_array(std::string_view key);
  void array_text(std::string_view value);
  void end_array();
  // The finished row; valid until the next begin_row.
  std::string_view end_row();

 private:
  void key(std::string_view name);

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace insights::synthetic
