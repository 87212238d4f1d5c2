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
  bool Null() {
    slot(JsonKind::Null);
    return true;
  }
  bool Bool(bool) {
    slot(JsonKind::Bool);
    return true;
  }
  bool Int(int v) { return Int64(v); }
  bool Uint(unsigned v) { return Uint64(v); }
  bool Int64(std::int64_t v);
  bool Uint64(std::uint64_t v);
  bool Double(double v);
  bool String(const char* text, rapidjson::SizeType length, bool copy);
  // A string whose CSV facts the reader learnt while scanning it (see JsonValue::csv_known).
  bool String(std::string_view text, std::uint32_t chars, bool csv_quote);
  bool Key(const char* text, rapidjson::SizeType length, bool copy);
  bool StartObject() { return open(JsonKind::Object); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(JsonKind::Array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  // Where the value now being read goes, reset to `kind`; null when it is not kept.
  JsonValue* slot(JsonKind kind);
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

// Defined here so the scanner inlines its per-token calls.
namespace record_handler_detail {

inline EnvelopeField envelope_field(std::string_view key) {
  switch (key.size()) {
    case 1: if (key == "v") return EnvelopeField::V; break;
    case 3:
      if (key == "org") return EnvelopeField::Org;
      if (key == "run") return EnvelopeField::Run;
      if (key == "seq") return EnvelopeField::Seq;
      if (key == "row") return EnvelopeField::Row;
      break;
    case 5:
      if (key == "batch") return EnvelopeField::Batch;
      if (key == "count") return EnvelopeField::Count;
      break;
    case 7:
      if (key == "dataset") return EnvelopeField::Dataset;
      if (key == "batches") return EnvelopeField::Batches;
      if (key == "records") return EnvelopeField::Records;
      break;
    case 9: if (key == "operation") return EnvelopeField::Operation; break;
    default: break;
  }
  return EnvelopeField::Other;
}

}  // namespace record_handler_detail

inline void RecordHandler::reset() {
  envelope_.fill(JsonValue{});
  seen_.fill(false);
  current_ = EnvelopeField::Other;
  row_.clear();
  depth_ = 0;
  top_is_object_ = false;
  too_deep_ = false;
  in_row_ = false;
  in_items_ = false;
}

inline bool RecordHandler::Int64(std::int64_t v) {
  // A DOM marks every non-negative integer unsigned; so does this.
  if (v >= 0) return Uint64(static_cast<std::uint64_t>(v));
  if (JsonValue* value = slot(JsonKind::Int)) value->int_value = v;
  return true;
}

inline bool RecordHandler::Uint64(std::uint64_t v) {
  if (JsonValue* value = slot(JsonKind::Uint)) value->uint_value = v;
  return true;
}

inline bool RecordHandler::Double(double v) {
  if (JsonValue* value = slot(JsonKind::Real)) value->real_value = v;
  return true;
}

inline bool RecordHandler::String(const char* text, rapidjson::SizeType length, bool) {
  if (JsonValue* value = slot(JsonKind::String)) value->text = {text, length};
  return true;
}

inline bool RecordHandler::String(std::string_view text, std::uint32_t chars, bool csv_quote) {
  if (JsonValue* value = slot(JsonKind::String)) {
    value->text = text;
    value->csv_known = true;
    value->csv_quote = csv_quote;
    value->chars = chars;
  }
  return true;
}

inline bool RecordHandler::Key(const char* text, rapidjson::SizeType length, bool) {
  const std::string_view key(text, length);
  if (depth_ == 1 && top_is_object_) {
    current_ = record_handler_detail::envelope_field(key);
  } else if (depth_ == 2 && in_row_) {
    row_.members.emplace_back().name = key;
  }
  return true;
}

inline JsonValue* RecordHandler::slot(JsonKind kind) {
  JsonValue* to = nullptr;
  if (depth_ == 1 && top_is_object_) {
    const auto field = static_cast<std::size_t>(current_);
    if (current_ == EnvelopeField::Other || seen_[field]) return nullptr;
    seen_[field] = true;
    to = &envelope_[field];
  } else if (depth_ == 2 && in_row_) {
    to = &row_.members.back().value;
  } else if (depth_ == 3 && in_items_) {
    to = &row_.items.emplace_back();
  } else {
    return nullptr;
  }
  // Written in place, field by field: a value built on the stack and copied made the copy's wide loads wait
  // for the narrow stores that built it (a store-forwarding stall on every token).
  *to = JsonValue(kind);
  return to;
}

inline bool RecordHandler::open(JsonKind kind) {
  if (depth_ >= kMaxDepth) {
    too_deep_ = true;
    return false;
  }
  if (depth_ == 0) {
    top_is_object_ = kind == JsonKind::Object;
  } else {
    // Whether this container becomes the row (or a row member's array) is decided before slot() records it.
    const bool row = depth_ == 1 && top_is_object_ && current_ == EnvelopeField::Row && kind == JsonKind::Object &&
                     !seen_[static_cast<std::size_t>(EnvelopeField::Row)];
    const bool items = depth_ == 2 && in_row_ && kind == JsonKind::Array;
    const auto first_item = static_cast<std::uint32_t>(row_.items.size());
    if (JsonValue* value = slot(kind); value && items) value->first_item = first_item;
    in_row_ = in_row_ || row;
    in_items_ = in_items_ || items;
  }
  ++depth_;
  return true;
}

inline bool RecordHandler::close() {
  --depth_;
  if (depth_ == 2 && in_items_) {
    JsonValue& array = row_.members.back().value;
    array.item_count = static_cast<std::uint32_t>(row_.items.size()) - array.first_item;
    in_items_ = false;
  } else if (depth_ == 1) {
    in_row_ = false;
  }
  return true;
}

}  // namespace insights::schema
