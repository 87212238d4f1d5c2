#include "shared/schema/row_to_csv.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "shared/schema/record_codec.h"

namespace insights::schema {
namespace {

class AvailabilityRows : public ::testing::Test {
 protected:
  std::string convert(const std::string& json) {
    doc.Parse(json.c_str());
    std::string out = "prefix|";
    converter.append(doc, out);
    return out.substr(7);
  }
  void expect_rejected(const std::string& json, const std::string& reason) {
    doc.Parse(json.c_str());
    std::string out = "prefix|";
    try {
      converter.append(doc, out);
      ADD_FAILURE() << "accepted " << json;
    } catch (const RecordError& e) {
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
    EXPECT_EQ(out, "prefix|") << "a refused row must leave no partial line";
  }
  RowToCsv converter{schema().dataset("availability")};
  rapidjson::Document doc;
};

constexpr const char* kRow =
    R"({"slot_id":"acme/loc-1/adv-1/2026-11-25T08:00:00Z","org_id":"acme","location_id":"loc-1","advisor_id":"adv-1",)"
    R"("hour_start":"2026-11-25T08:00:00Z","status":"partially_available","available_minutes":15,"booked_minutes":45,)"
    R"("reason":"fully_booked","bookable_meeting_types":["Mortgage advice","Pension"]})";

TEST_F(AvailabilityRows, WritesColumnsInSchemaOrder) {
  EXPECT_EQ(converter.header(),
            "slot_id,org_id,location_id,advisor_id,hour_start,status,available_minutes,booked_minutes,reason,"
            "bookable_meeting_types\n");
  EXPECT_EQ(convert(kRow),
            "acme/loc-1/adv-1/2026-11-25T08:00:00Z,acme,loc-1,adv-1,2026-11-25T08:00:00Z,partially_available,15,45,"
            "fully_booked,Mortgage advice;Pension\n");
}

TEST_F(AvailabilityRows, MembersInAnyOrderAndOptionalOnesAbsent) {
  EXPECT_EQ(convert(R"({"status":"available","org_id":"acme","slot_id":"s","location_id":"l","advisor_id":"a",)"
                    R"("hour_start":"2026-11-25T08:00:00Z","available_minutes":60,"booked_minutes":0})"),
            "s,acme,l,a,2026-11-25T08:00:00Z,available,60,0,,\n");
}

TEST_F(AvailabilityRows, DatesRefuseAWrongByteAtEveryPosition) {
  const std::string date = "2026-11-25T08:00:00Z";
  const std::string shape = "dddd-dd-ddTdd:dd:ddZ";
  const std::string row = kRow;
  for (std::size_t at = 0; at < date.size(); ++at) {
    // Bytes just outside '0'..'9' and other literals: none fits the shape at `at`.
    const std::string wrong = shape[at] == 'd' ? std::string("/:a T-\x80\x1F") : std::string("0/9a ") + (shape[at] == ':' ? "-" : ":");
    for (const char c : wrong) {
      std::string bad = date;
      bad[at] = c;
      std::string json = row;
      json.replace(json.find("\"hour_start\":\"" + date), 14 + date.size(), "\"hour_start\":\"" + bad);
      if (static_cast<unsigned char>(c) < 0x20) {
        json.replace(json.find(bad), bad.size(), date.substr(0, at) + "\\u001f" + date.substr(at + 1));
      }
      expect_rejected(json, "not a UTC date");
    }
  }
  EXPECT_NE(convert(kRow).find(date), std::string::npos);
}

TEST_F(AvailabilityRows, QuotesTextThatNeedsIt) {
  std::string row = kRow;
  row.replace(row.find("\"loc-1\""), 7, R"("Møterom \"Fjord\", 2.\netg")");
  EXPECT_NE(convert(row).find("\"Møterom \"\"Fjord\"\", 2.\netg\""), std::string::npos);
}

TEST_F(AvailabilityRows, RefusesInvalidValues) {
  std::string row = kRow;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string r = row;
    r.replace(r.find(from), from.size(), to);
    return r;
  };
  expect_rejected(with(R"("status":"partially_available",)", ""), "missing required field 'status'");
  expect_rejected(with(R"("available_minutes":15)", R"("available_minutes":"15")"), "'available_minutes' must be a number");
  expect_rejected(with(R"("available_minutes":15)", R"("available_minutes":1500)"), "exceeds precision 3");
  expect_rejected(with(R"("hour_start":"2026-11-25T08:00:00Z")", R"("hour_start":"2026-11-25 08:00")"), "not a UTC date");
  expect_rejected(with(R"("hour_start":"2026-11-25T08:00:00Z")", R"("hour_start":"2026-13-25T08:00:00Z")"), "not a UTC date");
  expect_rejected(with(R"("reason":"fully_booked")", R"("reason":"fully_booked","colour":"red")"), "unknown field 'colour'");
  expect_rejected(with(R"(["Mortgage advice","Pension"])", R"(["a;b"])"), "contains the separator");
  expect_rejected(with(R"(["Mortgage advice","Pension"])", R"([1])"), "array of non-empty strings");
  expect_rejected(with(R"("reason":"fully_booked")", R"("reason":")" + std::string(300, 'x') + "\""), "over its limit of 255");
  expect_rejected(with(R"("reason":"fully_booked")", R"("reason":"a\u0000b")"), "NUL");
}

TEST(MeetingsRows, CountsCharactersNotBytesAndFormatsScale) {
  RowToCsv converter(schema().dataset("meetings"));
  rapidjson::Document doc;
  std::string theme(255, 'x');
  std::string utf8_theme;
  for (int i = 0; i < 255; ++i) utf8_theme += "ø";  // 255 characters, 510 bytes
  const std::string row = R"({"meeting_id":"m1","org_id":"acme","location_id":"l","advisor_ids":["a1"],)"
                          R"("scheduled_start":"2026-11-01T08:00:00Z","scheduled_end":"2026-11-01T09:00:00Z",)"
                          R"("configured_duration_min":60,"booked_at":"2026-10-01T08:00:00Z","lead_time_hours":744.5,)"
                          R"("booking_source":"web","meeting_type":"Advice","meeting_format":"video","theme_path":")" +
                          utf8_theme + R"(","status":"completed","last_modified":"2026-11-01T10:00:00Z"})";
  doc.Parse(row.c_str());
  std::string out;
  converter.append(doc, out);
  EXPECT_NE(out.find(",744.50,"), std::string::npos) << out;
  EXPECT_NE(out.find(utf8_theme), std::string::npos);
}

// The batcher's path (decoder views) and the DOM path must give the same line, or the same refusal, for any row.
struct BothPaths {
  std::string line;
  std::string error;
};

BothPaths through_views(const DatasetDef& dataset, const std::string& row_json) {
  std::string payload;
  encode_record(payload, JobKey{"acme", dataset.name, "r"}, 0, 0, row_json);
  RecordDecoder decoder;
  RowToCsv converter(dataset);
  BothPaths out{"prefix|", ""};
  try {
    converter.append(*decoder.decode("record", payload).row, out.line);
  } catch (const RecordError& e) {
    out.error = e.what();
  }
  return out;
}

BothPaths through_dom(const DatasetDef& dataset, const std::string& row_json) {
  rapidjson::Document doc;
  doc.Parse(row_json.c_str());
  RowToCsv converter(dataset);
  BothPaths out{"prefix|", ""};
  try {
    converter.append(doc, out.line);
  } catch (const RecordError& e) {
    out.error = e.what();
  }
  return out;
}

std::string random_text(std::mt19937_64& rng) {
  static const std::vector<std::string> pieces = {"a", "Z", "0", " ", ",", "\\\"", "\\n", "\\r", "ø", "東", "😀", "\\t",
                                                  "x", "meeting"};
  std::string out;
  const auto n = 1 + rng() % 8;
  for (std::size_t i = 0; i < n; ++i) out += pieces[rng() % pieces.size()];
  return out;
}

std::string random_value(std::mt19937_64& rng, const FieldDef& field) {
  // Mostly well-typed values, so that both accepted and refused rows are compared.
  switch (rng() % 200) {
    case 0: return "null";
    case 1: return "\"\"";
    case 2: return std::to_string(static_cast<std::int64_t>(rng() % 2000000) - 1000000);
    case 3: return fmt::format("{}", std::uniform_real_distribution<double>(-1e6, 1e6)(rng));
    case 4: return "[\"" + random_text(rng) + "\",\"b\"]";
    case 5: return "true";
    case 6: return R"("a\u0000b")";
    case 7: return R"(["a;b"])";
    default: break;
  }
  if (field.type == FieldType::Date) return rng() % 4 ? "\"2026-11-24T23:30:00Z\"" : "\"2026-11-24\"";
  if (field.type == FieldType::Numeric) {
    return rng() % 2 ? std::to_string(rng() % 200) : fmt::format("{}", static_cast<double>(rng() % 1000) / 8.0);
  }
  if (field.multi_value && rng() % 2) return "[\"" + random_text(rng) + "\",\"b\"]";
  return "\"" + random_text(rng) + "\"";
}

TEST(RowPaths, ViewsAndDomAgreeOnRandomRows) {
  std::mt19937_64 rng(7);
  std::size_t accepted = 0;
  for (const auto& dataset : schema().datasets) {
    for (int n = 0; n < 3000; ++n) {
      std::string row = "{";
      for (const auto& field : dataset.fields) {
        if (rng() % (field.required ? 400 : 4) == 0) continue;  // absent
        if (row.size() > 1) row += ",";
        row += "\"" + field.name + "\":" + random_value(rng, field);
      }
      if (rng() % 50 == 0) row += R"(,"extra":"1")";
      row += "}";
      const auto views = through_views(dataset, row);
      const auto dom = through_dom(dataset, row);
      EXPECT_EQ(views.line, dom.line) << row;
      EXPECT_EQ(views.error, dom.error) << row;
      if (views.error.empty()) {
        ++accepted;
      } else {
        EXPECT_EQ(views.line, "prefix|") << "a refused row must leave no partial line";
      }
    }
  }
  EXPECT_GT(accepted, 1000u);
  EXPECT_LT(accepted, 5000u);
}

TEST(RowPaths, NumbersFormatLikeFmt) {
  const DatasetDef& meetings = schema().dataset("meetings");
  std::mt19937_64 rng(11);
  const std::string base = R"({"meeting_id":"m1","org_id":"acme","location_id":"l","advisor_ids":["a1"],)"
                           R"("scheduled_start":"2026-11-01T08:00:00Z","scheduled_end":"2026-11-01T09:00:00Z",)"
                           R"("configured_duration_min":60,"booked_at":"2026-10-01T08:00:00Z","booking_source":"web",)"
                           R"("meeting_type":"Advice","meeting_format":"video","status":"completed",)"
                           R"("last_modified":"2026-11-01T10:00:00Z","lead_time_hours":)";
  for (const std::string text : {"0.125", "0.375", "2.675", "-0.0", "744.5", "99999999.994", "-66.665", "1e2"}) {
    const auto out = through_views(meetings, base + text + "}");
    ASSERT_EQ(out.error, "") << text;
    EXPECT_NE(out.line.find("," + fmt::format("{:.2f}", std::stod(text)) + ","), std::string::npos) << text << " " << out.line;
  }
  // JSON integers keep integer formatting, as before: "-0" is the integer 0.
  EXPECT_NE(through_views(meetings, base + "-0}").line.find(",0,web,"), std::string::npos);
  EXPECT_NE(through_views(meetings, base + "-12}").line.find(",-12,web,"), std::string::npos);
  for (int i = 0; i < 2000; ++i) {
    const double v = std::uniform_real_distribution<double>(-1e7, 1e7)(rng);
    const auto out = through_views(meetings, base + fmt::format("{}", v) + "}");
    ASSERT_EQ(out.error, "") << v;
    EXPECT_NE(out.line.find("," + fmt::format("{:.2f}", v) + ","), std::string::npos) << v << " " << out.line;
  }
}

TEST(RowPaths, WorstCaseQuotingFitsTheReservedSpace) {
  const DatasetDef& availability = schema().dataset("availability");
  const std::string quotes(255, '"');
  std::string escaped;
  for (char c : quotes) escaped += std::string("\\") + c;
  const std::string row = R"({"slot_id":")" + escaped + R"(","org_id":"acme","location_id":")" + escaped +
                          R"(","advisor_id":"a","hour_start":"2026-11-25T08:00:00Z","status":"available",)"
                          R"("available_minutes":60,"booked_minutes":0,"bookable_meeting_types":[")" +
                          std::string(100, ',') + R"(","x"]})";
  std::string all_quote_items = R"({"slot_id":"s","org_id":"o","location_id":"l","advisor_id":"a",)"
                                R"("hour_start":"2026-11-25T08:00:00Z","status":"available","available_minutes":60,"booked_minutes":0,)"
                                R"("bookable_meeting_types":[)";
  for (int i = 0; i < 120; ++i) all_quote_items += std::string(i ? "," : "") + R"("\"")";
  all_quote_items += "]}";
  std::string expected_items;
  for (int i = 0; i < 120; ++i) expected_items += std::string(i ? ";" : "") + "\"\"";
  EXPECT_EQ(through_views(availability, all_quote_items).line,
            "prefix|s,o,l,a,2026-11-25T08:00:00Z,available,60,0,,\"" + expected_items + "\"\n");
  const auto out = through_views(availability, row);
  ASSERT_EQ(out.error, "");
  EXPECT_EQ(out.line, "prefix|\"" + std::string(510, '"') + "\",acme,\"" + std::string(510, '"') +
                          "\",a,2026-11-25T08:00:00Z,available,60,0,,\"" + std::string(100, ',') + ";x\"\n");
}

}  // namespace
}  // namespace insights::schema
