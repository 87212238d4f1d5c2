#pragma once
#include <rapidjson/reader.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "shared/schema/row_view.h"

namespace insights::schema {

// The envelope members of a data-topic message (record, batch_end, run_end).
enum class EnvelopeField : std::uint8_t { V, Org, Dataset, Run, Batch, Seq, Count, Batches, Records, Operation, Row, Other };
inline constexpr std::size_t kEnvelopeFields = static_cast<std::size_t>(EnvelopeField::Other);

// RapidJSON SAX handler that collects, in one pass over an in-situ parse, the envelope members and the row's
// members as views into the message: no DOM, no per-record allocation once its vectors have grown. Members
// nested deeper than a row's arrays are skipped; only their kind is kept, which is all validation needs.
class RecordHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RecordHandler> {
 public:
  // Forgets the previous message; keeps the row's buffers.
  void reset();

  // The reader recurses per nesting level; deeper input is stopped here so it cannot exhaust the stack.
  static constexpr std::size_t kMaxDepth = 64;

  bool top_is_object() const { return top_is_object_; }
  bool too_deep() const { return too_deep_; }
  // Null kind when the member is absent; the first occurrence wins, as with a DOM's FindMember.
  const JsonValue& envelope(EnvelopeField field) const { return envelope_[static_cast<std::size_t>(field)]; }
  const RowView& row() const { return row_; }

  // SAX events.
  bool Null() { return value(JsonValue{}); }
  bool Bool(bool) { return value(JsonValue{JsonKind::Bool}); }
  bool Int(int v) { return Int64(v); }
  bool Uint(unsigned v) { return Uint64(v); }
  bool Int64(std::int64_t v);
  bool Uint64(std::uint64_t v);
  bool Double(double v);
  bool String(const char* text, rapidjson::SizeType length, bool copy);
  bool Key(const char* text, rapidjson::SizeType length, bool copy);
  bool StartObject() { return open(JsonKind::Object); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(JsonKind::Array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  bool value(const JsonValue& v);
  bool open(JsonKind kind);
  bool close();

  std::array<JsonValue, kEnvelopeFields> envelope_{};
  std::array<bool, kEnvelopeFields> seen_{};
  EnvelopeField current_ = EnvelopeField::Other;  // the envelope member whose value comes next
  RowView row_;
  std::size_t depth_ = 0;  // containers open
  bool top_is_object_ = false;
  bool too_deep_ = false;
  bool in_row_ = false;    // the container open at depth 2 is the row
  bool in_items_ = false;  // the container open at depth 3 is an array member of the row
};

}  // namespace insights::schema
