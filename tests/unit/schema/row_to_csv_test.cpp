#include "shared/schema/row_to_csv.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace insights::schema
