#include "shared/schema/record_scanner.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidjson/reader.h>

#include <optional>
#include <random>
#include <string>

#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "tests/unit/schema/record_generator.h"

namespace insights::schema {
namespace {

// What a reader made of one message: refused, or the envelope and the CSV line (or the row's refusal reason).
struct Outcome {
  bool accepted = false;
  bool top_is_object = false;
  std::string envelope;
  std::string csv;

  bool operator==(const Outcome&) const = default;
};

std::string describe(const JsonValue& v) {
  switch (v.kind) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return "bool";
    case JsonKind::String: return fmt::format("s:{}", v.text);
    case JsonKind::Int: return fmt::format("i:{}", v.int_value);
    case JsonKind::Uint: return fmt::format("u:{}", v.uint_value);
    case JsonKind::Real: return fmt::format("r:{}", v.real_value);
    case JsonKind::Array: return fmt::format("a:{}", v.item_count);
    case JsonKind::Object: return "o";
  }
  return "?";
}

Outcome outcome_of(const RecordHandler& handler, RowToCsv& converter) {
  Outcome out;
  out.accepted = true;
  out.top_is_object = handler.top_is_object();
  for (std::size_t f = 0; f < kEnvelopeFields; ++f) {
    out.envelope += describe(handler.envelope(static_cast<EnvelopeField>(f))) + "|";
  }
  try {
    converter.append(handler.row(), out.csv);
  } catch (const RecordError& e) {
    out.csv = std::string("refused: ") + e.what();
  }
  return out;
}

// The reference: RapidJSON's SAX reader (full-precision numbers, UTF-8 validated) on the same handler.
Outcome reference(const std::string& payload, RowToCsv& converter) {
  // RapidJSON reads a NUL byte as the end of the text; a raw NUL is never valid JSON (not even inside a string).
  if (payload.find('\0') != std::string::npos) return {};
  // Its UTF-8 validation reads a cut sequence's missing bytes even past the terminator; zeros end it safely.
  std::string text = payload + std::string(8, '\0');
  RecordHandler handler;
  handler.reset();
  rapidjson::Reader reader;
  rapidjson::InsituStringStream stream(text.data());
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag;
  if (reader.Parse<kFlags>(stream, handler).IsError()) return {};
  return outcome_of(handler, converter);
}

Outcome scanned(RecordScanner& scanner, const std::string& payload, RowToCsv& converter) {
  RecordHandler handler;
  handler.reset();
  try {
    scanner.scan(payload, handler);
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("malformed JSON"), std::string::npos) << e.what();
    return {};
  }
  return outcome_of(handler, converter);
}

// RapidJSON 1.1 turns a lone \uDC00-\uDFFF escape into an encoded surrogate (invalid UTF-8); the scanner refuses it,
// so those messages are compared by the test below rather than against RapidJSON.
bool has_lone_low_surrogate_escape(const std::string& text) {
  bool after_high = false;  // the previous escape was \uD800-\uDBFF
  for (std::size_t at = 0; at + 1 < text.size(); ++at) {
    if (text[at] != '\\') continue;
    if (text[at + 1] != 'u' || at + 6 > text.size()) {
      after_high = false;
      ++at;  // an escaped character, perhaps a backslash
      continue;
    }
    const unsigned long code = std::strtoul(text.substr(at + 2, 4).c_str(), nullptr, 16);
    if (code >= 0xDC00 && code <= 0xDFFF && !after_high) return true;
    after_high = code >= 0xD800 && code <= 0xDBFF;
    at += 5;
  }
  return false;
}

TEST(RecordScanner, MatchesRapidJsonOnRandomAndMutatedRecords) {
  RowToCsv reference_converter(schema().dataset("meetings"));
  RowToCsv converter(schema().dataset("meetings"));
  RecordScanner scanner;
  RecordGenerator generator(20261125);
  std::size_t accepted = 0, refused = 0, rows = 0, compared = 0;
  for (int i = 0; i < 40000; ++i) {
    std::string payload = generator.record();
    if (i % 2 == 1) payload = generator.mutate(std::move(payload));
    if (has_lone_low_surrogate_escape(payload)) continue;
    const Outcome expected = reference(payload, reference_converter);
    const Outcome got = scanned(scanner, payload, converter);
    ASSERT_EQ(got.accepted, expected.accepted) << payload;
    ASSERT_EQ(got.envelope, expected.envelope) << payload;
    ASSERT_EQ(got.csv, expected.csv) << payload;
    ++compared;
    (expected.accepted ? accepted : refused)++;
    if (expected.accepted && expected.csv.rfind("refused", 0) != 0) ++rows;
  }
  EXPECT_GT(compared, 35000u);
  // Both decisions and CSV lines must be well exercised, or the comparison proves little.
  EXPECT_GT(accepted, compared / 3);
  EXPECT_GT(refused, compared / 10);
  EXPECT_GT(rows, compared / 20);
}

class Scanned : public ::testing::Test {
 protected:
  bool ok(const std::string& json) {
    handler.reset();
    try {
      scanner.scan(json, handler);
      return true;
    } catch (const RecordError&) {
      return false;
    }
  }
  RecordScanner scanner;
  RecordHandler handler;
};

TEST_F(Scanned, UnescapesInPlaceIncludingSurrogatePairs) {
  ASSERT_TRUE(ok(R"({"row":{"a":"x\"y\\z\/\b\f\n\r\t\u00e9\u20AC\uD83D\uDE00 end","b":"plain"}})"));
  EXPECT_EQ(handler.row().members[0].value.text, "x\"y\\z/\b\f\n\r\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 end");
  EXPECT_EQ(handler.row().members[1].value.text, "plain");
}

TEST_F(Scanned, RefusesWhatRfc8259Refuses) {
  for (const std::string bad :
       {"", " ", "{", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
        "{\"a\":+1}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"\\uD800\"}", "{\"a\":\"\\uD800\\u0041\"}", "{\"a\":\"\\uDC00\"}", "{\"a\":\"tab\there\"}",
        "{\"a\":\"open}", "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1e400}", "\xEF\xBB\xBF{}", "{\"a\":\"\xC3\"}",
        "{\"a\":\"\xED\xA0\x80\"}", "{\"a\":\"\xF4\x90\x80\x80\"}", "{\"a\":\"\xC0\xAF\"}"}) {
    EXPECT_FALSE(ok(bad)) << bad;
  }
  EXPECT_FALSE(ok(std::string("{\"a\":\"x\0y\"}", 11))) << "raw NUL in a string";
  EXPECT_FALSE(ok(std::string("{\"a\":1}\0", 8))) << "raw NUL after the value";
  for (const std::string good : {"{}", " \r\n\t{ } \n", "[]", "\"s\"", "-0", "{\"a\":[[],{}],\"b\":-1.5E-3}",
                                 "{\"a\":1e-400}", "{\"\":\"\"}"}) {
    EXPECT_TRUE(ok(good)) << good;
  }
}

TEST_F(Scanned, NumbersFollowRapidJsonsSplit) {
  ASSERT_TRUE(ok(R"({"row":{"a":0,"b":-0,"c":18446744073709551615,"d":18446744073709551616,"e":-9223372036854775808,)"
                 R"("f":-9223372036854775809,"g":2.5,"h":1e2}})"));
  const auto& m = handler.row().members;
  EXPECT_EQ(m[0].value.kind, JsonKind::Uint);
  EXPECT_EQ(m[1].value.kind, JsonKind::Uint);
  EXPECT_EQ(m[2].value.uint_value, 18446744073709551615u);
  EXPECT_EQ(m[3].value.kind, JsonKind::Real);
  EXPECT_EQ(m[4].value.int_value, INT64_MIN);
  EXPECT_EQ(m[5].value.kind, JsonKind::Real);
  EXPECT_EQ(m[6].value.real_value, 2.5);
  EXPECT_EQ(m[7].value.kind, JsonKind::Real);
  EXPECT_EQ(m[7].value.real_value, 100.0);
}

TEST_F(Scanned, LongStringsCrossManySimdBlocksAndEndExactlyAtTheMessageEnd) {
  const std::string long_text(1000, 'x');
  ASSERT_TRUE(ok("\"" + long_text + "\""));
  EXPECT_FALSE(ok("\"" + long_text));
  EXPECT_FALSE(ok("\"" + long_text + "\\"));
  EXPECT_FALSE(ok("\"" + long_text + "\\u00"));
}

}  // namespace
}  // namespace insights::schema
