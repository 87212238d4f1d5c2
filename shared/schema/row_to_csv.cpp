#include "shared/schema/row_to_csv.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "shared/csv/csv_writer.h"
#include "shared/schema/record_codec.h"
#include "shared/schema/utc_date.h"
#include "shared/util/short_bytes.h"

namespace insights::schema {
namespace {

constexpr double kMaxNumeric = 36028797018963967.0;  // 2^55 - 1, the External Data numeric range

// What one pass over a text value learns: its character count and whether it holds a NUL or needs CSV quotes.
struct TextScan {
  std::size_t chars = 0;
  bool nul = false;
  bool quote = false;
};

enum ByteClass : std::uint8_t { kContinuation = 1, kNul = 2, kQuote = 4 };

constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0x80; c < 0xC0; ++c) table[c] |= kContinuation;
  table[0] |= kNul;
  for (int c = 0; c < 256; ++c) {
    if (csv::kQuoteBytes[c]) table[c] |= kQuote;
  }
  return table;
}();

TextScan scan_text(std::string_view text) {
  std::uint8_t seen = 0;
  std::size_t continuation = 0;
  for (const char c : text) {
    const std::uint8_t cls = kByteClass[static_cast<unsigned char>(c)];
    seen |= cls;
    continuation += cls & kContinuation;
  }
  return {text.size() - continuation, (seen & kNul) != 0, (seen & kQuote) != 0};
}

std::size_t integer_digits(double magnitude) {
  std::size_t digits = 1;
  while (magnitude >= 10.0) {
    magnitude /= 10.0;
    ++digits;
  }
  return digits;
}

std::size_t integer_digits(std::uint64_t magnitude) {
  std::size_t digits = 1;
  while (magnitude >= 10) {
    magnitude /= 10;
    ++digits;
  }
  return digits;
}

bool same_name(const FieldDef& field, std::string_view name) {
  return field.name.size() == name.size() && equal_bytes(field.name.data(), name.data(), name.size());
}

}  // namespace

JsonValue view_of(const rapidjson::Value& value, RowView& row) {
  JsonValue v;
  if (value.IsNull()) {
    v.kind = JsonKind::Null;
  } else if (value.IsBool()) {
    v.kind = JsonKind::Bool;
  } else if (value.IsString()) {
    v.kind = JsonKind::String;
    v.text = {value.GetString(), value.GetStringLength()};
  } else if (value.IsUint64()) {
    v.kind = JsonKind::Uint;
    v.uint_value = value.GetUint64();
  } else if (value.IsInt64()) {
    v.kind = JsonKind::Int;
    v.int_value = value.GetInt64();
  } else if (value.IsNumber()) {
    v.kind = JsonKind::Real;
    v.real_value = value.GetDouble();
  } else if (value.IsArray()) {
    v.kind = JsonKind::Array;
    v.first_item = static_cast<std::uint32_t>(row.items.size());
    v.item_count = value.Size();
    for (const auto& item : value.GetArray()) {
      JsonValue iv;
      if (item.IsString()) {
        iv.kind = JsonKind::String;
        iv.text = {item.GetString(), item.GetStringLength()};
      } else {
        iv.kind = item.IsObject() ? JsonKind::Object : JsonKind::Array;  // only "not a string" matters for items
      }
      row.items.push_back(iv);
    }
  } else {
    v.kind = JsonKind::Object;
  }
  return v;
}

RowToCsv::RowToCsv(const DatasetDef& dataset) : dataset_(dataset) {
  // Room every value but the text takes at most: a separator, a number (sign, 17 digits, point, scale) or a date.
  for (const auto& field : dataset_.fields) fixed_bytes_ += 24 + static_cast<std::size_t>(std::max(field.scale, 0));
  fixed_bytes_ += 1;  // the newline
}

std::string RowToCsv::header() const {
  std::string out;
  for (std::size_t i = 0; i < dataset_.fields.size(); ++i) {
    if (i) out.push_back(',');
    csv::append_field(out, dataset_.fields[i].name);
  }
  out.push_back('\n');
  return out;
}

void RowToCsv::append(const rapidjson::Value& row, std::string& out) {
  if (!row.IsObject()) throw RecordError("field 'row' must be an object");
  dom_row_.clear();
  for (auto it = row.MemberBegin(); it != row.MemberEnd(); ++it) {
    dom_row_.members.push_back({{it->name.GetString(), it->name.GetStringLength()}, view_of(it->value, dom_row_)});
  }
  append(dom_row_, out);
}

void RowToCsv::append(const RowView& row, std::string& out) {
  const std::size_t start = out.size();
  // Values are written through a pointer into space sized for the worst case (every text byte a doubled quote),
  // then the string is cut to what was written: one resize instead of a bounds check per append.
  std::size_t text_bytes = 0;
  for (const auto& member : row.members) text_bytes += member.value.text.size();
  for (const auto& item : row.items) text_bytes += item.text.size() + 1;
  out.resize(start + fixed_bytes_ + 2 * text_bytes + 2 * dataset_.fields.size());
  try {
    char* end = append_row(row, out.data() + start);
    // The reservation is the only bound on those writes; overrunning it is a defect to stop at, not to pass on.
    if (end > out.data() + out.size()) std::abort();
    out.resize(static_cast<std::size_t>(end - out.data()));
  } catch (...) {
    out.resize(start);
    throw;
  }
}

char* RowToCsv::append_row(const RowView& row, char* out) {
  std::size_t chars = 0;
  std::size_t matched = 0;
  const std::size_t member_count = row.members.size();
  std::size_t next = 0;
  for (std::size_t i = 0; i < dataset_.fields.size(); ++i) {
    const FieldDef& field = dataset_.fields[i];
    const JsonValue* value = nullptr;
    // Producers write fields in schema order, so the next member is almost always the one wanted.
    if (next < member_count && same_name(field, row.members[next].name)) {
      value = &row.members[next].value;
      ++next;
    } else {
      value = row.find(field.name);
    }
    if (value) ++matched;
    if (i) *out++ = ',';
    out = append_value(field, row, value, out, chars);
  }
  if (matched != member_count) refuse_members(row);
  if (chars > kMaxRecordChars) {
    throw RecordError(fmt::format("row has {} characters, over the limit of {}", chars, kMaxRecordChars));
  }
  *out++ = '\n';
  return out;
}

void RowToCsv::refuse_members(const RowView& row) const {
  for (const auto& member : row.members) {
    bool known = false;
    for (const auto& field : dataset_.fields) known = known || same_name(field, member.name);
    if (!known) throw RecordError(fmt::format("unknown field '{}' in a {} row", member.name, dataset_.name));
  }
  throw RecordError(fmt::format("duplicate field in a {} row", dataset_.name));
}

char* RowToCsv::append_value(const FieldDef& field, const RowView& row, const JsonValue* value, char* out,
                             std::size_t& chars) {
  if (value == nullptr || value->kind == JsonKind::Null || (value->kind == JsonKind::String && value->text.empty())) {
    if (field.required) throw RecordError(fmt::format("missing required field '{}'", field.name));
    return out;  // empty cell: the server applies defaultValue for Numeric
  }
  switch (field.type) {
    case FieldType::Text: {
      if (field.multi_value && value->kind == JsonKind::Array) {
        scratch_.clear();
        for (std::uint32_t i = 0; i < value->item_count; ++i) {
          const JsonValue& item = row.items[value->first_item + i];
          if (item.kind != JsonKind::String || item.text.empty()) {
            throw RecordError(fmt::format("field '{}' must be an array of non-empty strings", field.name));
          }
          if (item.text.find(';') != std::string_view::npos) {
            throw RecordError(fmt::format("a value of multi-value field '{}' contains the separator ';'", field.name));
          }
          if (!scratch_.empty()) scratch_.push_back(';');
          scratch_.append(item.text);
        }
        return append_text(field, scratch_, out, chars);
      }
      if (value->kind == JsonKind::String) {
        if (value->csv_known) return append_known_text(field, *value, out, chars);
        return append_text(field, value->text, out, chars);
      }
      throw RecordError(fmt::format("field '{}' must be a string{}", field.name, field.multi_value ? " or an array of strings" : ""));
    }
    case FieldType::Numeric:
      return append_number(field, *value, out, chars);
    case FieldType::Date: {
      if (value->kind != JsonKind::String) throw RecordError(fmt::format("field '{}' must be a date string", field.name));
      if (!valid_utc_date(value->text)) {
        throw RecordError(fmt::format("field '{}' value '{}' is not a UTC date like 2026-11-24T23:30:00Z", field.name,
                                      value->text.substr(0, 40)));
      }
      chars += value->text.size();
      return copy_bytes(out, value->text);
    }
  }
  return out;
}

char* RowToCsv::append_text(const FieldDef& field, std::string_view text, char* out, std::size_t& chars) {
  const TextScan scan = scan_text(text);
  if (scan.nul) throw RecordError(fmt::format("field '{}' contains a NUL character", field.name));
  const std::size_t limit = std::min<std::size_t>(kMaxValueChars, static_cast<std::size_t>(field.precision));
  if (scan.chars > limit) {
    throw RecordError(fmt::format("field '{}' has {} characters, over its limit of {}", field.name, scan.chars, limit));
  }
  chars += scan.chars;
  if (scan.quote) return csv::write_quoted(out, text);
  return copy_bytes(out, text);
}

char* RowToCsv::append_known_text(const FieldDef& field, const JsonValue& value, char* out, std::size_t& chars) {
  const std::size_t limit = std::min<std::size_t>(kMaxValueChars, static_cast<std::size_t>(field.precision));
  if (value.chars > limit) {
    throw RecordError(fmt::format("field '{}' has {} characters, over its limit of {}", field.name, value.chars, limit));
  }
  chars += value.chars;
  if (value.csv_quote) return csv::write_quoted(out, value.text);
  return copy_bytes(out, value.text);
}

char* RowToCsv::append_number(const FieldDef& field, const JsonValue& value, char* out, std::size_t& chars) {
  if (!value.is_number()) throw RecordError(fmt::format("field '{}' must be a number", field.name));
  const auto precision = static_cast<std::size_t>(field.precision);
  const auto scale = static_cast<std::size_t>(field.scale);
  // The caller reserved 24 + scale bytes: a double in range needs at most a sign, 17 digits, a point and the scale.
  char* const limit = out + 24 + scale;
  std::to_chars_result written{};
  if (value.is_int64()) {
    const std::int64_t v = value.as_int64();
    const std::uint64_t magnitude = v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    if (static_cast<double>(magnitude) > kMaxNumeric || integer_digits(magnitude) + scale > precision) {
      throw RecordError(fmt::format("field '{}' value {} exceeds precision {} scale {}", field.name, v, field.precision, field.scale));
    }
    written = std::to_chars(out, limit, v);
  } else {
    const double v = value.as_double();
    if (!std::isfinite(v) || std::fabs(v) > kMaxNumeric || integer_digits(std::fabs(v)) + scale > precision) {
      throw RecordError(fmt::format("field '{}' value {} exceeds precision {} scale {}", field.name, v, field.precision, field.scale));
    }
    // Same digits as fmt's "{:.Nf}": both print the exact binary value rounded half to even.
    written = std::to_chars(out, limit, v, std::chars_format::fixed, field.scale);
  }
  if (written.ec != std::errc{}) {
    throw RecordError(fmt::format("field '{}' value cannot be written with scale {}", field.name, field.scale));
  }
  chars += static_cast<std::size_t>(written.ptr - out);
  return written.ptr;
}

}  // namespace insights::schema
