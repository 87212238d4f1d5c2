#include "emulator/json_writer.h"

#include <rapidjson/rapidjson.h>

namespace insights::emulator {

namespace {
rapidjson::SizeType size_of(std::string_view text) { return static_cast<rapidjson::SizeType>(text.size()); }
}  // namespace

JsonWriter::JsonWriter() : writer_(buffer_) {}

JsonWriter& JsonWriter::begin_object() {
  writer_.StartObject();
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  writer_.EndObject();
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  writer_.StartArray();
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  writer_.EndArray();
  return *this;
}
JsonWriter& JsonWriter::key(std::string_view name) {
  writer_.Key(name.data(), size_of(name), true);
  return *this;
}
JsonWriter& JsonWriter::string(std::string_view value) {
  writer_.String(value.data(), size_of(value), true);
  return *this;
}
JsonWriter& JsonWriter::integer(std::int64_t value) {
  writer_.Int64(value);
  return *this;
}
JsonWriter& JsonWriter::unsigned_integer(std::uint64_t value) {
  writer_.Uint64(value);
  return *this;
}
JsonWriter& JsonWriter::boolean(bool value) {
  writer_.Bool(value);
  return *this;
}
JsonWriter& JsonWriter::null() {
  writer_.Null();
  return *this;
}

std::string JsonWriter::take() { return std::string(buffer_.GetString(), buffer_.GetSize()); }

}  // namespace insights::emulator
