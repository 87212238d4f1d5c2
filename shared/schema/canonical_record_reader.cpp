#include "shared/schema/canonical_record_reader.h"

#include <fmt/format.h>

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/utc_date.h"
#include "shared/util/short_bytes.h"
#include "shared/util/utf8.h"

namespace insights::schema {
namespace {

using FieldPlan = CanonicalRecordReader::FieldPlan;
using RowPlan = CanonicalRecordReader::RowPlan;

constexpr std::size_t kStoreSlack = 16;    // a 16-byte store may start at the last byte written
constexpr std::size_t kMaxDigits = 15;     // decimals this long convert to a double and back unchanged
constexpr std::size_t kMaxIdDigits = 18;   // batch and seq: well inside 64 bits

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where the reader is in the message and in the CSV line it writes. `p` never passes `end`.
struct Cursor {
  const char* p;
  const char* end;
  char* out;
  std::size_t chars = 0;  // characters of the line's values, for the record limit

  std::size_t left() const { return static_cast<std::size_t>(end - p); }
  bool at(char c) const { return p != end && *p == c; }
  bool take(std::string_view text) {
    if (left() < text.size() || !equal_bytes(p, text.data(), text.size())) return false;
    p += text.size();
    return true;
  }
};

// One CSV cell of text being written: the unescaped bytes of one string, or of a multi-value array's items joined
// by ';'. It starts unquoted and is shifted right by one byte under an opening quote the first time it turns out to
// need quotes (a comma, quote, CR or LF), which is rare, so the common cell is copied once.
struct TextCell {
  char* start;
  bool quoted = false;
  std::size_t doubled_quotes = 0;
  std::size_t continuation_bytes = 0;

  void quote(char*& out) {
    if (quoted) return;
    std::memmove(start + 1, start, static_cast<std::size_t>(out - start));
    *start = '"';
    ++out;
    quoted = true;
  }
  std::size_t bytes(const char* out) const {
    return static_cast<std::size_t>(out - start) - (quoted ? 1 : 0) - doubled_quotes;
  }
};

// The byte after a backslash, as the cell gets it; false for \u escapes, left to the general path.
bool unescape(char escaped, Cursor& c, TextCell& cell) {
  switch (escaped) {
    case '"':
      cell.quote(c.out);
      *c.out++ = '"';
      *c.out++ = '"';
      ++cell.doubled_quotes;
      return true;
    case '\\': *c.out++ = '\\'; return true;
    case '/': *c.out++ = '/'; return true;
    case 'b': *c.out++ = '\b'; return true;
    case 'f': *c.out++ = '\f'; return true;
    case 't': *c.out++ = '\t'; return true;
    case 'n':
      cell.quote(c.out);
      *c.out++ = '\n';
      return true;
    case 'r':
      cell.quote(c.out);
      *c.out++ = '\r';
      return true;
    default: return false;
  }
}

// Bytes the copy loop stops at: '"', '\\', ',', control bytes, non-ASCII, and in items ';'.
template <bool kItem>
bool stops_copy(unsigned char c) {
  return c == '"' || c == '\\' || c == ',' || (kItem && c == ';') || c < 0x20 || c >= 0x80;
}

// Copies the string whose opening quote is at c.p into the cell and moves past its closing quote. An item refuses
// ';', which a multi-value item cannot hold.
template <bool kItem>
[[gnu::always_inline]] inline bool copy_string(Cursor& c, TextCell& cell) {
  ++c.p;
  for (;;) {
#if defined(__SSE2__)
    if (c.left() >= 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c.p));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(c.out), bytes);
      const __m128i control_max = _mm_set1_epi8(0x1F);
      __m128i stops = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
          _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(',')), _mm_cmpeq_epi8(_mm_max_epu8(bytes, control_max), control_max)));
      if constexpr (kItem) stops = _mm_or_si128(stops, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(';')));
      // movemask of the bytes themselves gives the non-ASCII ones.
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(stops) | _mm_movemask_epi8(bytes));
      if (mask == 0) {
        c.p += 16;
        c.out += 16;
        continue;
      }
      const auto n = static_cast<unsigned>(__builtin_ctz(mask));
      c.p += n;
      c.out += n;
    } else
#endif
    {
      if (c.p == c.end) return false;
      if (!stops_copy<kItem>(static_cast<unsigned char>(*c.p))) {
        *c.out++ = *c.p++;
        continue;
      }
    }
    const auto byte = static_cast<unsigned char>(*c.p);
    if (byte == '"') {
      ++c.p;
      return true;
    }
    if (byte >= 0x80) {
      const std::size_t len = utf8_sequence_length(reinterpret_cast<const unsigned char*>(c.p), c.left());
      if (len == 0) return false;
      c.out = copy_bytes(c.out, {c.p, len});
      c.p += len;
      cell.continuation_bytes += len - 1;
    } else if (byte == ',') {
      cell.quote(c.out);
      *c.out++ = *c.p++;
    } else if (byte == ';') {
      return false;  // only items stop at it
    } else if (byte == '\\') {
      if (c.left() < 2 || !unescape(c.p[1], c, cell)) return false;
      c.p += 2;
    } else {
      return false;  // a raw control byte
    }
  }
}

// Ends a text cell: the limits RowToCsv applies, then the closing quote.
bool close_text(const FieldPlan& field, Cursor& c, TextCell& cell) {
  const std::size_t chars = cell.bytes(c.out) - cell.continuation_bytes;
  if (chars > field.char_limit) return false;
  c.chars += chars;
  if (cell.quoted) *c.out++ = '"';
  return true;
}

bool take_null(Cursor& c) { return c.take("null"); }

// An absent value (null, or "" which RowToCsv treats alike): an empty cell unless the field is required.
bool empty_value(const FieldPlan& field, Cursor& c) {
  if (field.required) return false;
  if (c.take("\"\"")) return true;
  return take_null(c);
}

bool text_value(const FieldPlan& field, Cursor& c) {
  TextCell cell{c.out};
  if (c.at('"')) {
    if (c.left() >= 2 && c.p[1] == '"') return empty_value(field, c);
    return copy_string<false>(c, cell) && close_text(field, c, cell);
  }
  if (field.multi_value && c.at('[')) {
    ++c.p;
    if (c.at(']')) {  // no items: an empty cell, as RowToCsv writes it
      ++c.p;
      return true;
    }
    for (bool first = true;; first = false) {
      if (!first) *c.out++ = ';';
      if (!c.at('"') || (c.left() >= 2 && c.p[1] == '"')) return false;  // items are non-empty strings
      if (!copy_string<true>(c, cell)) return false;
      if (c.at(']')) break;
      if (!c.at(',')) return false;
      ++c.p;
    }
    ++c.p;
    return close_text(field, c, cell);
  }
  return empty_value(field, c);
}

bool date_value(const FieldPlan& field, Cursor& c) {
  constexpr std::size_t kDate = 20;
  if (c.left() >= kDate + 2 && c.p[0] == '"' && c.p[kDate + 1] == '"' && valid_utc_date({c.p + 1, kDate})) {
    c.out = copy_bytes(c.out, {c.p + 1, kDate});
    c.p += kDate + 2;
    c.chars += kDate;
    return true;
  }
  return empty_value(field, c);
}

// -?(0|[1-9][0-9]*)(.[0-9]+)? of at most 15 digits, written as RowToCsv's to_chars would: integers as they are,
// decimals padded to the field's scale (declined when they would need rounding).
bool numeric_value(const FieldPlan& field, Cursor& c) {
  const char* const start = c.p;
  const bool minus = c.at('-');
  if (minus) ++c.p;
  const char* const digits = c.p;
  if (c.at('0')) {
    ++c.p;
  } else {
    while (c.p != c.end && is_digit(*c.p)) ++c.p;
  }
  const auto integer_digits = static_cast<std::size_t>(c.p - digits);
  if (integer_digits == 0) {
    c.p = start;
    return !minus && empty_value(field, c);
  }
  std::size_t fraction_digits = 0;
  if (c.at('.')) {
    const char* const fraction = ++c.p;
    while (c.p != c.end && is_digit(*c.p)) ++c.p;
    fraction_digits = static_cast<std::size_t>(c.p - fraction);
    if (fraction_digits == 0) return false;
  }
  if (c.at('e') || c.at('E')) return false;
  if (integer_digits + fraction_digits > kMaxDigits || integer_digits + field.scale > field.precision) return false;
  if (fraction_digits == 0 && minus && *digits == '0') return false;  // -0: RowToCsv writes 0
  if (fraction_digits > field.scale) return false;
  char* const written = c.out;
  c.out = copy_bytes(c.out, {start, static_cast<std::size_t>(c.p - start)});
  if (fraction_digits > 0) {
    for (std::size_t i = fraction_digits; i < field.scale; ++i) *c.out++ = '0';
  }
  c.chars += static_cast<std::size_t>(c.out - written);
  return true;
}

bool field_value(const FieldPlan& field, Cursor& c) {
  switch (field.type) {
    case FieldType::Text: return text_value(field, c);
    case FieldType::Date: return date_value(field, c);
    case FieldType::Numeric: return numeric_value(field, c);
  }
  return false;
}

// Whether the field's key is at c.p; moves past it when it is. Keys are held zero-padded to 32 bytes, so most
// compare in one or two 16-byte steps instead of a loop of words.
bool take_field_key(const FieldPlan& field, Cursor& c) {
#if defined(__SSE2__)
  const std::size_t n = field.key.size();
  if (n <= sizeof field.padded_key && c.left() >= sizeof field.padded_key) {
    const auto* key = reinterpret_cast<const __m128i*>(field.padded_key);
    const auto* at = reinterpret_cast<const __m128i*>(c.p);
    const auto low = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(at), _mm_loadu_si128(key))));
    std::uint32_t equal = low;
    if (n > 16) {
      equal |= static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(at + 1), _mm_loadu_si128(key + 1))))
               << 16;
    }
    if ((equal & field.key_mask) != field.key_mask) return false;
    c.p += n;
    return true;
  }
#endif
  return c.take(field.key);
}

// The field whose key is at c.p, searching from `next` (members come in field order; skipped fields must be
// optional and become empty cells). Moves past the key; fields.size() when declined.
std::size_t take_key(const RowPlan& plan, std::size_t next, Cursor& c) {
  for (std::size_t i = next; i < plan.fields.size(); ++i) {
    if (take_field_key(plan.fields[i], c)) return i;
    if (plan.fields[i].required) break;
  }
  return plan.fields.size();
}

// Unsigned decimal without leading zeros, as encode_record writes batch and seq.
bool take_uint(Cursor& c, std::uint64_t& value) {
  const char* const digits = c.p;
  value = 0;
  while (c.p != c.end && is_digit(*c.p)) value = value * 10 + static_cast<std::uint64_t>(*c.p++ - '0');
  const auto n = static_cast<std::size_t>(c.p - digits);
  return n > 0 && n <= kMaxIdDigits && (n == 1 || *digits != '0');
}

RowPlan plan_row(const DatasetDef& dataset) {
  RowPlan plan;
  plan.dataset = &dataset;
  plan.growth = kStoreSlack + 2;  // the newline, and a row of no members
  for (const FieldDef& def : dataset.fields) {
    FieldPlan field;
    field.key = fmt::format("\"{}\":", def.name);
    std::memcpy(field.padded_key, field.key.data(), std::min(field.key.size(), sizeof field.padded_key));
    field.key_mask = field.key.size() >= 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << field.key.size()) - 1;
    field.type = def.type;
    field.multi_value = def.multi_value;
    field.required = def.required;
    field.char_limit = std::min<std::size_t>(kMaxValueChars, static_cast<std::size_t>(std::max(def.precision, 0)));
    field.precision = static_cast<std::size_t>(std::max(def.precision, 0));
    field.scale = static_cast<std::size_t>(std::max(def.scale, 0));
    // A separator, and at most the scale's zeros or a text's two quotes more than its JSON.
    plan.growth += 3 + field.scale;
    plan.fields.push_back(std::move(field));
  }
  return plan;
}

}  // namespace

CanonicalRecordReader::CanonicalRecordReader() {
  for (const DatasetDef& dataset : schema().datasets) plans_.push_back(plan_row(dataset));
}

const RowPlan* CanonicalRecordReader::plan_for(const DatasetDef& dataset) const {
  for (const RowPlan& plan : plans_) {
    if (plan.dataset == &dataset) return &plan;
  }
  return nullptr;
}

std::string CanonicalRecordReader::job_prefix(const JobKey& job) {
  std::string prefix;
  encode_record(prefix, job, 0, 0, "");
  return prefix.substr(0, prefix.find(R"("batch":)") + 8);
}

std::optional<CanonicalEnvelope> CanonicalRecordReader::envelope(std::string_view payload,
                                                                 std::string_view job_prefix) const {
  Cursor c{payload.data(), payload.data() + payload.size(), nullptr};
  CanonicalEnvelope e;
  if (!c.take(job_prefix) || !take_uint(c, e.batch) || !c.take(R"(,"seq":)") || !take_uint(c, e.seq) ||
      !c.take(R"(,"row":)") || !c.at('{')) {
    return std::nullopt;
  }
  e.row_at = static_cast<std::size_t>(c.p - payload.data());
  return e;
}

std::size_t CanonicalRecordReader::write_row(const DatasetDef& dataset, std::string_view payload, std::size_t row_at,
                                             std::string& out) const {
  const RowPlan* plan = plan_for(dataset);
  if (plan == nullptr || row_at >= payload.size()) return 0;
  // Keys are dropped and escapes only shrink, so a line outgrows its JSON by at most the plan's growth.
  const std::size_t room = payload.size() - row_at + plan->growth;
  if (out.size() < room) out.resize(std::max(room, 2 * out.size()));
  Cursor c{payload.data() + row_at + 1, payload.data() + payload.size(), out.data()};
  const std::size_t fields = plan->fields.size();
  std::size_t next = 0;  // the first field not written yet
  if (!c.at('}')) {
    for (;;) {
      const std::size_t field = take_key(*plan, next, c);
      if (field == fields) return 0;
      for (; next < field; ++next) {
        if (next > 0) *c.out++ = ',';
      }
      if (field > 0) *c.out++ = ',';
      if (!field_value(plan->fields[field], c)) return 0;
      next = field + 1;
      if (c.at('}')) break;
      if (!c.at(',')) return 0;
      ++c.p;
    }
  }
  for (; next < fields; ++next) {
    if (plan->fields[next].required) return 0;
    if (next > 0) *c.out++ = ',';
  }
  // The row closes the record, which ends the message.
  if (c.left() != 2 || c.p[1] != '}' || c.chars > kMaxRecordChars) return 0;
  *c.out++ = '\n';
  return static_cast<std::size_t>(c.out - out.data());
}

}  // namespace insights::schema
