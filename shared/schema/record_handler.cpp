#include "shared/schema/record_handler.h"

#include <cstdint>

namespace insights::schema {
namespace {

EnvelopeField envelope_field(std::string_view key) {
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

}  // namespace

void RecordHandler::reset() {
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

bool RecordHandler::Int64(std::int64_t v) {
  // A DOM marks every non-negative integer unsigned; so does this.
  if (v >= 0) return Uint64(static_cast<std::uint64_t>(v));
  JsonValue value{JsonKind::Int};
  value.int_value = v;
  return this->value(value);
}

bool RecordHandler::Uint64(std::uint64_t v) {
  JsonValue value{JsonKind::Uint};
  value.uint_value = v;
  return this->value(value);
}

bool RecordHandler::Double(double v) {
  JsonValue value{JsonKind::Real};
  value.real_value = v;
  return this->value(value);
}

bool RecordHandler::String(const char* text, rapidjson::SizeType length, bool) {
  JsonValue value{JsonKind::String};
  value.text = {text, length};
  return this->value(value);
}

bool RecordHandler::Key(const char* text, rapidjson::SizeType length, bool) {
  const std::string_view key(text, length);
  if (depth_ == 1 && top_is_object_) {
    current_ = envelope_field(key);
  } else if (depth_ == 2 && in_row_) {
    row_.members.push_back({key, JsonValue{}});
  }
  return true;
}

bool RecordHandler::value(const JsonValue& v) {
  if (depth_ == 1 && top_is_object_) {
    const auto slot = static_cast<std::size_t>(current_);
    if (current_ != EnvelopeField::Other && !seen_[slot]) {
      envelope_[slot] = v;
      seen_[slot] = true;
    }
  } else if (depth_ == 2 && in_row_) {
    row_.members.back().value = v;
  } else if (depth_ == 3 && in_items_) {
    row_.items.push_back(v);
  }
  return true;
}

bool RecordHandler::open(JsonKind kind) {
  if (depth_ >= kMaxDepth) {
    too_deep_ = true;
    return false;
  }
  if (depth_ == 0) {
    top_is_object_ = kind == JsonKind::Object;
  } else {
    // Whether this container becomes the row (or a row member's array) is decided before value() records it.
    const bool row = depth_ == 1 && top_is_object_ && current_ == EnvelopeField::Row && kind == JsonKind::Object &&
                     !seen_[static_cast<std::size_t>(EnvelopeField::Row)];
    const bool items = depth_ == 2 && in_row_ && kind == JsonKind::Array;
    JsonValue v{kind};
    if (items) v.first_item = static_cast<std::uint32_t>(row_.items.size());
    value(v);
    in_row_ = in_row_ || row;
    in_items_ = in_items_ || items;
  }
  ++depth_;
  return true;
}

bool RecordHandler::close() {
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
