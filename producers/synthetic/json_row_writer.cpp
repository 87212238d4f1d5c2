#include "producers/synthetic/json_row_writer.h"

#include <array>

#include <fmt/format.h>

namespace insights::synthetic {

namespace {

constexpr std::size_t kInitialRowCapacity = 2048;

rapidjson::SizeType json_size(std::string_view text) { return static_cast<rapidjson::SizeType>(text.size()); }

}  // namespace

JsonRowWriter::JsonRowWriter() : buffer_(nullptr, kInitialRowCapacity), writer_(buffer_) {}

void JsonRowWriter::begin_row() {
  buffer_.Clear();
  writer_.Reset(buffer_);
  writer_.StartObject();
}

void JsonRowWriter::key(std::string_view name) { writer_.Key(name.data(), json_size(name)); }

void JsonRowWriter::text(std::string_view key_name, std::string_view value) {
  key(key_name);
  writer_.String(value.data(), json_size(value));
}

void JsonRowWriter::integer(std::string_view key_name, std::int64_t value) {
  key(key_name);
  writer_.Int64(value);
}

void JsonRowWriter::hundredths(std::string_view key_name, std::int64_t value) {
  key(key_name);
  const auto magnitude = value < 0 ? -static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::array<char, 32> digits{};
  const auto written = fmt::format_to_n(digits.data(), digits.size(), "{}{}.{:02}", value < 0 ? "-" : "",
                                        magnitude / 100, magnitude % 100);
  writer_.RawValue(digits.data(), written.size, rapidjson::kNumberType);
}

void JsonRowWriter::timestamp(std::string_view key_name, UtcSeconds value) {
  text(key_name, as_view(format_utc_timestamp(value)));
}

void JsonRowWriter::begin_array(std::string_view key_name) {
  key(key_name);
  writer_.StartArray();
}

void JsonRowWriter::array_text(std::string_view value) { writer_.String(value.data(), json_size(value)); }

void JsonRowWriter::end_array() { writer_.EndArray(); }

std::string_view JsonRowWriter::end_row() {
  writer_.EndObject();
  return {buffer_.GetString(), buffer_.GetSize()};
}

}  // namespace insights::synthetic
