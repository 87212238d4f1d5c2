#pragma once
#include <fmt/format.h>

#include <random>
#include <string_view>
#include <string>

#include "shared/schema/schema.h"

namespace insights::schema {

// Random records shaped like the producers' (meetings rows), with every JSON feature the grammar allows.
class RecordGenerator {
 public:
  // Canonical: compact, members in the producers' order, no extra envelope members (the canonical reader's input;
  // absent, duplicate and odd values still occur).
  enum class Style { Any, Canonical };
  explicit RecordGenerator(std::uint32_t seed, Style style = Style::Any) : rng_(seed), style_(style) {}

  std::string record() {
    std::string out = "{" + ws() + R"("v":1,"org":"acme","dataset":"meetings","run":"r1","batch":)" + number_text(true) +
                      ",\"seq\":" + std::to_string(pick(1000)) + "," + ws() + "\"row\"" + ws() + ":" + ws() + row() + ws();
    if (style_ == Style::Any && pick(10) == 0) out += R"(,"extra":{"a":[1,{"b":null}],"c":true})";
    return out + "}" + ws();
  }

  // A few byte-level edits, the kind a broken producer or a truncated message makes.
  std::string mutate(std::string text) {
    static const std::string kBytes = std::string("\"\\{}[],:0-e.+ u9/\x80\xC3\xFF\x01\xED\xF0\t", 24) + std::string(1, '\0');
    const std::size_t edits = 1 + pick(3);
    for (std::size_t i = 0; i < edits && !text.empty(); ++i) {
      const std::size_t at = pick(text.size());
      switch (pick(4)) {
        case 0: text[at] = kBytes[pick(kBytes.size())]; break;
        case 1: text.insert(at, 1, kBytes[pick(kBytes.size())]); break;
        case 2: text.erase(at, 1); break;
        default: text.resize(at); break;
      }
    }
    return text;
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  std::string ws() {
    if (style_ == Style::Canonical) return "";
    static const char* kSpace[] = {"", "", "", " ", "\n", "\r\n\t "};
    return kSpace[pick(6)];
  }

  std::string row() {
    std::string out = "{";
    const auto& fields = schema().dataset("meetings").fields;
    bool first = true;
    for (const auto& field : fields) {
      const bool canonical = style_ == Style::Canonical;
      if (pick(12) == 0 && !(canonical && field.required && pick(10) != 0)) continue;  // absent
      if (!first) out += ",";
      first = false;
      out += ws() + "\"" + field.name + "\"" + ws() + ":" + ws() + value_for(field) + ws();
      if (pick(canonical ? 400 : 60) == 0) out += ",\"" + field.name + "\":null";  // duplicate
    }
    return out + "}";
  }

  std::string value_for(const FieldDef& field) {
    switch (pick(400)) {
      case 0: return "null";
      case 1: return pick(2) ? "true" : "false";
      case 2: return number_text(false);
      case 3: return "[" + string_text() + "," + string_text() + "]";
      default: break;
    }
    if (field.multi_value) return "[" + string_text() + (pick(2) ? "," + string_text() : "") + "]";
    switch (field.type) {
      case FieldType::Numeric: return number_text(false);
      case FieldType::Date: return fmt::format(R"("2026-{:02}-{:02}T{:02}:30:00Z")", 1 + pick(12), 1 + pick(31), pick(24) + (pick(500) == 0));
      case FieldType::Text: return pick(30) == 0 ? text_near_limit(field.precision) : string_text();
    }
    return "null";
  }

  std::string number_text(bool small) {
    if (small) return std::to_string(pick(50));
    static const char* kNumbers[] = {"0", "-0", "7", "-12", "120", "3.25", "-0.5", "1e2", "2E-1", "1.5e+3", "12.345",
                                     "999999", "1000000", "-999999.99", "18446744073709551615", "18446744073709551616",
                                     "-9223372036854775808", "-9223372036854775809", "0.000001", "1e400", "1e-400",
                                     "123456789012345678901234567890", "0.1", "2.675", "1.005", "99.995", "-0.0", "0.0", "00", "01.5", "1.", ".5", "-", "123456789012345", "1234567890123456", "9.99", "0.05"};
    if (pick(40) == 0) return kNumbers[pick(std::size(kNumbers))];
    std::string out = pick(4) == 0 ? "-" : "";
    out += std::to_string(pick(10000));
    // Canonical records mostly carry what the canonical reader takes: integers, and decimals within the scale.
    if (style_ == Style::Canonical ? pick(25) == 0 : pick(2) == 1) out += "." + std::to_string(pick(1000));
    if (pick(style_ == Style::Canonical ? 200 : 30) == 0) out += "e" + std::string(pick(2) ? "-" : "") + std::to_string(pick(5));
    return out;
  }

  // Around the field's character limit in multi-byte characters, where counting bytes instead would refuse.
  std::string text_near_limit(int precision) {
    static const char* kChars[] = {"a", "\xC3\xBC", "\xE6\x9D\xB1", "\xF0\x9F\x98\x80", ","};
    const auto count = static_cast<std::size_t>(precision) - 2 + pick(5);
    std::string out = "\"";
    for (std::size_t i = 0; i < count; ++i) out += kChars[pick(std::size(kChars))];
    return out + "\"";
  }

  std::string string_text() {
    static const char* kPieces[] = {"a", "Room 4", "Z\xC3\xBCrich", "\xE6\x9D\xB1", "\xF0\x9F\x98\x80", ",", "\\\"",
                                    "\\\\", "\\/", "\\n", "\\r\\n", "\\t", "\\b\\f", "\\u00e9", "\\u0041", "\\u20AC",
                                    "\\uD83D\\uDE00", "Mortgage advice", "0123456789abcdef", " "};
    std::string out = "\"";
    const std::size_t pieces = pick(50) == 0 ? 0 : 1 + pick(7);
    for (std::size_t i = 0; i < pieces; ++i) {
      std::string_view piece = kPieces[pick(std::size(kPieces))];
      // \u escapes send a record to the general path: rare in canonical records, so most take the other.
      while (style_ == Style::Canonical && piece.find("\\u") != std::string_view::npos && pick(40) != 0) {
        piece = kPieces[pick(std::size(kPieces))];
      }
      out += piece;
    }
    if (pick(100) == 0) out += pick(2) ? "\\u0000" : ";";  // refused in CSV text and in multi-value items
    return out + "\"";
  }

  std::mt19937 rng_;
  Style style_;
};

}  // namespace insights::schema
