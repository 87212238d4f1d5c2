#include "shared/schema/row_to_csv.h"

#include <fmt/format.h>

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "shared/csv/csv_writer.h"
#include "shared/schema/record_codec.h"

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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// yyyy-MM-dd'T'HH:mm:ss'Z', the one Date format the project sends.
constexpr std::string_view kDateShape = "dddd-dd-ddTdd:dd:ddZ";

bool date_shaped_bytewise(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (kDateShape[i] == 'd' ? !is_digit(s[i]) : s[i] != kDateShape[i]) return false;
  }
  return true;
}

// Eight bytes of the shape from `at`, as a little-endian load sees them: the digit positions as 0xFF in `digits`,
// the literal characters in `literals`.
struct ShapeWord {
  std::uint64_t digits = 0;
  std::uint64_t literals = 0;
};

constexpr ShapeWord shape_word(std::size_t at) {
  ShapeWord word;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = kDateShape[at + i];
    if (c == 'd') {
      word.digits |= std::uint64_t{0xFF} << (8 * i);
    } else {
      word.literals |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * i);
    }
  }
  return word;
}

// Eight bytes at once: the literals match and every digit position holds '0'..'9'.
bool word_matches(const char* at, ShapeWord shape) {
  constexpr std::uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0ULL;
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  const std::uint64_t digits = (word ^ 0x3030303030303030ULL) & shape.digits;  // '0'..'9' become 0..9
  // A byte is 0..9 when neither it nor it plus 6 reaches 16; bytes stay below 0x100, so nothing carries across.
  return (word & ~shape.digits) == shape.literals && (digits & kHighNibbles) == 0 &&
         ((digits + 0x0606060606060606ULL) & shape.digits & kHighNibbles) == 0;
}

bool date_shaped(std::string_view s) {
  if constexpr (std::endian::native != std::endian::little) {
    return date_shaped_bytewise(s);
  } else {
    // Three overlapping words cover the 20 bytes.
    static constexpr ShapeWord kWords[] = {shape_word(0), shape_word(8), shape_word(12)};
    return word_matches(s.data(), kWords[0]) && word_matches(s.data() + 8, kWords[1]) &&
           word_matches(s.data() + 12, kWords[2]);
  }
}

bool valid_date(std::string_view s) {
  if (s.size() != kDateShape.size() || !date_shaped(s)) return false;
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  int month = two(5), day = two(8), hour = two(11), minute = two(14), second = two(17);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
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

// Short copies and comparisons inline, eight bytes at a time, instead of a libc call per value: a row has about
// thirty of each. Never reads outside either range.
std::uint64_t load8(const char* at) {
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

bool equal_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load8(a + i) != load8(b + i)) return false;
    }
    return load8(a + n - 8) == load8(b + n - 8);  // the last eight bytes, overlapping what was compared
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

char* copy_bytes(char* to, std::string_view from) {
  const std::size_t n = from.size();
  if (n > 32) {
    std::memcpy(to, from.data(), n);
  } else if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      const std::uint64_t word = load8(from.data() + i);
      std::memcpy(to + i, &word, sizeof word);
    }
    const std::uint64_t last = load8(from.data() + n - 8);
    std::memcpy(to + n - 8, &last, sizeof last);
  } else {
    for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
  }
  return to + n;
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
      if (!valid_date(value->text)) {
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
