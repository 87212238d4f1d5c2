#include "shared/schema/record_scanner.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "shared/schema/record_codec.h"
#include "shared/util/utf8.h"

namespace insights::schema {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bytes a string's fast loop stops at: '"', '\\', control bytes and non-ASCII.
constexpr bool stops_string(unsigned char c) { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80; }

// What scanning a string without escapes learns for CSV: it cannot hold a NUL, CR, LF or '"' (raw control bytes
// are refused and a raw '"' ends it), so it needs quotes exactly when it holds a comma; its character count is
// its size less its UTF-8 continuation bytes. Strings with escapes are left to RowToCsv's own scan.
struct TextFacts {
  bool known = false;
  bool comma = false;
  std::size_t continuation_bytes = 0;
};

// One recursive-descent pass over the padded copy. `p` only moves past bytes it has checked, and every check fails
// on the zero padding, so the end of the message needs no test of its own.
class Parser {
 public:
  Parser(char* begin, std::size_t size, RecordHandler& handler) : begin_(begin), end_(begin + size), p_(begin), h_(handler) {}

  void document() {
    skip_whitespace();
    value();
    skip_whitespace();
    if (p_ != end_) fail("unexpected characters after the JSON value");
  }

 private:
  [[noreturn, gnu::noinline, gnu::cold]] void fail(std::string_view why) const {
    throw RecordError(fmt::format("malformed JSON at byte {}: {}", p_ - begin_, why));
  }

  void skip_whitespace() {
    while (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t') ++p_;
  }

  void value() {
    switch (*p_) {
      case '{': object(); return;
      case '[': array(); return;
      case '"': {
        TextFacts facts;
        const std::string_view text = string(&facts);
        if (facts.known) {
          h_.String(text, static_cast<std::uint32_t>(text.size() - facts.continuation_bytes), facts.comma);
        } else {
          h_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()), false);
        }
        return;
      }
      case 't': literal("true"); h_.Bool(true); return;
      case 'f': literal("false"); h_.Bool(false); return;
      case 'n': literal("null"); h_.Null(); return;
      default:
        if (*p_ == '-' || is_digit(*p_)) {
          number();
          return;
        }
        fail(p_ == end_ ? "the message ends where a value should be" : "expected a value");
    }
  }

  void literal(std::string_view word) {
    // The padding covers the longest word, so the comparison stays inside the buffer.
    if (std::memcmp(p_, word.data(), word.size()) != 0) fail("expected true, false or null");
    p_ += word.size();
  }

  void open(bool object) {
    if (!(object ? h_.StartObject() : h_.StartArray())) {
      throw RecordError(fmt::format("malformed JSON: nested deeper than {} levels", RecordHandler::kMaxDepth));
    }
    ++p_;
    skip_whitespace();
  }

  void object() {
    open(true);
    rapidjson::SizeType members = 0;
    if (*p_ != '}') {
      for (;;) {
        if (*p_ != '"') fail("expected a member name in double quotes");
        const std::string_view key = string();
        h_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()), false);
        skip_whitespace();
        if (*p_ != ':') fail("expected ':' after a member name");
        ++p_;
        skip_whitespace();
        value();
        ++members;
        skip_whitespace();
        if (*p_ == '}') break;
        if (*p_ != ',') fail("expected ',' or '}' after an object member");
        ++p_;
        skip_whitespace();
      }
    }
    ++p_;
    h_.EndObject(members);
  }

  void array() {
    open(false);
    rapidjson::SizeType items = 0;
    if (*p_ != ']') {
      for (;;) {
        value();
        ++items;
        skip_whitespace();
        if (*p_ == ']') break;
        if (*p_ != ',') fail("expected ',' or ']' after an array item");
        ++p_;
        skip_whitespace();
      }
    }
    ++p_;
    h_.EndArray(items);
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, reported with RapidJSON's split: Uint for non-negative
  // integers, Int for negative ones, Double for fractions, exponents and integers beyond 64 bits.
  void number() {
    const char* start = p_;
    const bool minus = *p_ == '-';
    if (minus) ++p_;
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (*p_ == '0') {
      ++p_;
    } else if (is_digit(*p_)) {
      while (is_digit(*p_)) {
        const auto digit = static_cast<std::uint64_t>(*p_ - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) overflow = true;
        magnitude = magnitude * 10 + digit;
        ++p_;
      }
    } else {
      fail("expected a digit");
    }
    bool real = false;
    if (*p_ == '.') {
      ++p_;
      if (!is_digit(*p_)) fail("expected a digit after the decimal point");
      while (is_digit(*p_)) ++p_;
      real = true;
    }
    if (*p_ == 'e' || *p_ == 'E') {
      ++p_;
      if (*p_ == '+' || *p_ == '-') ++p_;
      if (!is_digit(*p_)) fail("expected a digit in the exponent");
      while (is_digit(*p_)) ++p_;
      real = true;
    }
    constexpr std::uint64_t kInt64MinMagnitude = std::uint64_t{1} << 63;
    if (!real && !overflow && (!minus || magnitude <= kInt64MinMagnitude)) {
      if (!minus) {
        h_.Uint64(magnitude);
      } else {
        h_.Int64(static_cast<std::int64_t>(std::uint64_t{0} - magnitude));
      }
      return;
    }
    h_.Double(to_double(start));
  }

  double to_double(const char* start) {
    double v = 0;
    const auto [end, ec] = std::from_chars(start, p_, v);
    if (ec == std::errc{} && end == p_) return v;
    // Out of range: strtod tells overflow (infinite, refused as RapidJSON does) from underflow (zero). The byte
    // after the number is not part of one (the grammar stopped there; the buffer is zero-terminated), so strtod
    // stops at the same place, which is checked.
    char* strtod_end = nullptr;
    v = std::strtod(start, &strtod_end);
    if (strtod_end != p_) fail("number cannot be read");
    if (v == std::numeric_limits<double>::infinity() || v == -std::numeric_limits<double>::infinity()) {
      p_ = const_cast<char*>(start);
      fail("number too big for a double");
    }
    return v;
  }

  // Length of the well-formed UTF-8 sequence at `at` (its lead byte is >= 0x80). The buffer's zero padding (at least
  // four bytes) fails the continuation test, so a sequence cut by the end of the message is refused.
  [[gnu::noinline]] std::size_t utf8_length(const char* at) {
    const std::size_t len = utf8_sequence_length(reinterpret_cast<const unsigned char*>(at), 4);
    if (len == 0) fail("invalid UTF-8");
    return len;
  }

  // The first byte at or after `at` that stops the fast loop; `quote` says whether it is the closing '"', so the
  // common short string ends without reloading that byte.
  static char* skip_plain(char* at, bool& quote, bool& comma) {
#if defined(__SSE2__)
    const __m128i quote_byte = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i comma_byte = _mm_set1_epi8(',');
    const __m128i control_max = _mm_set1_epi8(0x1F);
    for (;;) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      const auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quote_byte)));
      const auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma_byte)));
      const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(bytes, control_max), control_max);
      // movemask of the bytes themselves gives the non-ASCII ones.
      const auto others = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, backslash), control)) | _mm_movemask_epi8(bytes));
      const unsigned stops = quotes | others;
      if (stops != 0) {
        const unsigned lowest = stops & (0u - stops);
        quote = (quotes & lowest) != 0;
        comma = comma || (commas & (lowest - 1)) != 0;  // only commas before the stop belong to this stretch
        return at + __builtin_ctz(stops);
      }
      comma = comma || commas != 0;
      at += 16;
    }
#else
    while (!stops_string(static_cast<unsigned char>(*at))) {
      comma = comma || *at == ',';
      ++at;
    }
    quote = *at == '"';
    return at;
#endif
  }

  // A string's text, unescaped in place; `p_` ends past the closing quote. `facts`, when given, is filled for
  // strings without escapes.
  [[gnu::always_inline]] std::string_view string(TextFacts* facts = nullptr) {
    char* const start = p_ + 1;
    char* at = start;
    bool comma = false;
    std::size_t continuation_bytes = 0;
    for (;;) {
      bool quote = false;
      at = skip_plain(at, quote, comma);
      if (quote) {
        p_ = at + 1;
        if (facts) *facts = {true, comma, continuation_bytes};
        return {start, static_cast<std::size_t>(at - start)};
      }
      const auto c = static_cast<unsigned char>(*at);
      if (c >= 0x80) {
        p_ = at;  // where a refusal points
        const std::size_t len = utf8_length(at);
        continuation_bytes += len - 1;
        at += len;
        continue;
      }
      p_ = at;
      if (c == '\\') return escaped_string(start);
      fail(p_ == end_ ? "the message ends inside a string" : "control character in a string");
    }
  }

  // The rest of a string from its first backslash, writing behind the read position (escapes only shrink).
  [[gnu::noinline]] std::string_view escaped_string(char* start) {
    char* out = p_;
    for (;;) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return {start, static_cast<std::size_t>(out - start)};
      }
      if (c == '\\') {
        out = unescape(out);
      } else if (c >= 0x80) {
        const std::size_t len = utf8_length(p_);
        std::memmove(out, p_, len);
        out += len;
        p_ += len;
      } else if (c < 0x20) {
        fail(p_ == end_ ? "the message ends inside a string" : "control character in a string");
      } else {
        *out++ = *p_++;
      }
    }
  }

  char* unescape(char* out) {
    char decoded = 0;
    switch (p_[1]) {
      case '"': decoded = '"'; break;
      case '\\': decoded = '\\'; break;
      case '/': decoded = '/'; break;
      case 'b': decoded = '\b'; break;
      case 'f': decoded = '\f'; break;
      case 'n': decoded = '\n'; break;
      case 'r': decoded = '\r'; break;
      case 't': decoded = '\t'; break;
      case 'u': return unescape_unicode(out);
      default: fail("invalid escape in a string");
    }
    *out++ = decoded;
    p_ += 2;
    return out;
  }

  // \uXXXX at p_, with a following \uXXXX when it is a high surrogate; both forms end in the padding's zeros.
  std::uint32_t hex4(const char* at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = hex_value(at[i]);
      if (d < 0) fail("invalid \\u escape in a string");
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return v;
  }

  char* unescape_unicode(char* out) {
    std::uint32_t code = hex4(p_ + 2);
    std::size_t consumed = 6;
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (p_[6] != '\\' || p_[7] != 'u') fail("high surrogate without a low one in a \\u escape");
      const std::uint32_t low = hex4(p_ + 8);
      if (low < 0xDC00 || low > 0xDFFF) fail("high surrogate without a low one in a \\u escape");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      consumed = 12;
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      fail("low surrogate without a high one in a \\u escape");
    }
    // UTF-8 is never longer than the escape it comes from, so `out` stays behind `p_`.
    if (code < 0x80) {
      *out++ = static_cast<char>(code);
    } else if (code < 0x800) {
      *out++ = static_cast<char>(0xC0 | (code >> 6));
      *out++ = static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      *out++ = static_cast<char>(0xE0 | (code >> 12));
      *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out++ = static_cast<char>(0x80 | (code & 0x3F));
    } else {
      *out++ = static_cast<char>(0xF0 | (code >> 18));
      *out++ = static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      *out++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out++ = static_cast<char>(0x80 | (code & 0x3F));
    }
    p_ += consumed;
    return out;
  }

  char* const begin_;
  const char* const end_;
  char* p_;
  RecordHandler& h_;
};

}  // namespace

void RecordScanner::scan(std::string_view payload, RecordHandler& handler) {
  // resize() writes only the bytes past the old size; the copy and the padding are rewritten every time.
  buffer_.resize(payload.size() + kPadding);
  std::memcpy(buffer_.data(), payload.data(), payload.size());
  std::memset(buffer_.data() + payload.size(), 0, kPadding);
  Parser(buffer_.data(), payload.size(), handler).document();
}

}  // namespace insights::schema
