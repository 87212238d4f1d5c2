#include "shared/schema/canonical_record_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "shared/schema/record_codec.h"
#include "shared/schema/row_to_csv.h"
#include "shared/schema/schema.h"
#include "tests/unit/schema/record_generator.h"

namespace insights::schema {
namespace {

// What the general path (RecordScanner, then RowToCsv) makes of a record: its envelope and CSV line, or a refusal.
struct General {
  bool decoded = false;
  bool converted = false;
  std::string error;
  std::string csv;
  std::uint32_t batch = 0;
  std::uint64_t seq = 0;
};

General general(const std::string& payload) {
  RecordDecoder decoder;
  General out;
  try {
    const Decoded& d = decoder.decode("record", payload);
    out.decoded = true;
    out.batch = d.batch;
    out.seq = d.seq;
    RowToCsv(*d.dataset).append(*d.row, out.csv);
    out.converted = true;
  } catch (const RecordError& e) {
    out.error = e.what();
  }
  return out;
}

class CanonicalReading : public ::testing::Test {
 protected:
  // decode_to_csv after a record of `primer`'s job primed the decoder (the first record of a job is never read
  // canonically).
  const Decoded& read(const std::string& payload, const std::string& primer) {
    try {
      decoder.decode("record", primer);
    } catch (const RecordError&) {
    }
    return decoder.decode_to_csv("record", payload);
  }

  // Both paths agree on `payload`; returns whether the canonical reader took it.
  bool check(const std::string& payload, const std::string& primer) {
    const General expected = general(payload);
    try {
      const Decoded& got = read(payload, primer);
      if (got.row != nullptr) {  // declined: the general path's own result, checked by its tests
        EXPECT_TRUE(got.csv.empty()) << payload;
        return false;
      }
      EXPECT_TRUE(expected.converted) << "canonical reader accepted what the general path refuses (" << expected.error
                                      << "): " << payload;
      EXPECT_EQ(std::string(got.csv), expected.csv) << payload;
      EXPECT_EQ(got.batch, expected.batch) << payload;
      EXPECT_EQ(got.seq, expected.seq) << payload;
      return true;
    } catch (const RecordError& e) {
      EXPECT_FALSE(expected.decoded) << payload;
      EXPECT_EQ(std::string(e.what()), expected.error) << payload;
      return false;
    }
  }

  RecordDecoder decoder;
};

constexpr const char* kMeetingPrimer =
    R"({"v":1,"org":"acme","dataset":"meetings","run":"r1","batch":0,"seq":0,"row":{}})";

TEST_F(CanonicalReading, AgreesWithTheGeneralPathOnRandomAndMutatedRecords) {
  RecordGenerator generator(20261125, RecordGenerator::Style::Canonical);
  std::size_t taken = 0, taken_mutated = 0, declined = 0;
  for (int i = 0; i < 40000; ++i) {
    std::string payload = generator.record();
    const bool mutated = i % 2 == 1;
    if (mutated) payload = generator.mutate(std::move(payload));
    if (check(payload, kMeetingPrimer)) {
      ++taken;
      taken_mutated += mutated ? 1 : 0;
    } else {
      ++declined;
    }
    if (HasFailure()) return;
  }
  // Both outcomes must be well exercised, and mutations that keep a record loadable must be read too.
  EXPECT_GT(taken, 4000u);
  EXPECT_GT(declined, 8000u);
  EXPECT_GT(taken_mutated, 200u);
}

TEST_F(CanonicalReading, ReadsTheProducersRecordsOfBothDatasets) {
  const std::string meeting =
      R"({"v":1,"org":"acme","dataset":"meetings","run":"20261124T233000Z","batch":3,"seq":41,"row":{"meeting_id":"acme-m-2","org_id":"acme","location_id":"loc-4","advisor_ids":["adv-4-1","adv-4-2"],"room_id":"loc-4-room-3","room_name":"Møterom \"Fjord\", 2. etg","room_capacity":6,"scheduled_start":"2026-09-30T11:30:00Z","scheduled_end":"2026-09-30T12:00:00Z","actual_start":"2026-09-30T11:26:00Z","actual_end":"2026-09-30T12:07:00Z","configured_duration_min":30,"actual_duration_min":41,"duration_diff_min":-11,"booked_at":"2026-09-14T18:38:13Z","lead_time_hours":376.8,"booking_source":"web","meeting_type":"Account opening","meeting_format":"in_person","theme_path":"Business > Accounts > Cash management","theme_level1":"Business","theme_level2":"Accounts","theme_level3":"Cash management","customer_category":"corporate","participant_count":3,"status":"completed","last_modified":"2026-09-30T22:18:37Z"}})";
  const std::string meeting_primer = R"({"v":1,"org":"acme","dataset":"meetings","run":"20261124T233000Z","batch":0,"seq":0,"row":{}})";
  const Decoded& m = read(meeting, meeting_primer);
  ASSERT_EQ(m.row, nullptr) << "declined";
  EXPECT_EQ(std::string(m.csv),
            "acme-m-2,acme,loc-4,adv-4-1;adv-4-2,loc-4-room-3,\"Møterom \"\"Fjord\"\", 2. etg\",6,2026-09-30T11:30:00Z,"
            "2026-09-30T12:00:00Z,2026-09-30T11:26:00Z,2026-09-30T12:07:00Z,30,41,-11,2026-09-14T18:38:13Z,376.80,web,"
            "Account opening,in_person,Business > Accounts > Cash management,Business,Accounts,Cash management,corporate,"
            "3,completed,2026-09-30T22:18:37Z\n");
  EXPECT_EQ(m.batch, 3u);
  EXPECT_EQ(m.seq, 41u);
  EXPECT_EQ(m.job.id(), "acme/meetings/20261124T233000Z");
  EXPECT_TRUE(check(meeting, meeting_primer));

  const std::string primer = R"({"v":1,"org":"acme","dataset":"availability","run":"r2","batch":0,"seq":0,"row":{}})";
  const std::string slot =
      R"({"v":1,"org":"acme","dataset":"availability","run":"r2","batch":0,"seq":7,"row":{"slot_id":"acme/loc-1/adv-1-1/2026-11-25T08:00:00Z","org_id":"acme","location_id":"loc-1","advisor_id":"adv-1-1","hour_start":"2026-11-25T08:00:00Z","status":"unavailable","available_minutes":0,"booked_minutes":60,"reason":"fully_booked","bookable_meeting_types":[]}})";
  const Decoded& a = read(slot, primer);
  ASSERT_EQ(a.row, nullptr) << "declined";
  EXPECT_EQ(std::string(a.csv),
            "acme/loc-1/adv-1-1/2026-11-25T08:00:00Z,acme,loc-1,adv-1-1,2026-11-25T08:00:00Z,unavailable,0,60,"
            "fully_booked,\n");
  EXPECT_TRUE(check(slot, primer));
}

TEST_F(CanonicalReading, DeclinesWhatItLeavesToTheGeneralPath) {
  const std::string head = R"({"v":1,"org":"acme","dataset":"meetings","run":"r1","batch":0,"seq":1,"row":)";
  const std::string row =
      R"({"meeting_id":"m","org_id":"acme","location_id":"l","advisor_ids":["a"],"scheduled_start":"2026-01-01T00:00:00Z","scheduled_end":"2026-01-01T01:00:00Z","configured_duration_min":60,"booked_at":"2026-01-01T00:00:00Z","booking_source":"web","meeting_type":"t","meeting_format":"video","status":"completed","last_modified":"2026-01-01T00:00:00Z"})";
  ASSERT_TRUE(check(head + row + "}", kMeetingPrimer)) << "the base record must be read, or the declines prove nothing";
  auto edited = [&](std::string_view from, std::string_view to) {
    std::string r = row;
    const auto at = r.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return head + r.replace(at, from.size(), to) + "}";
  };
  const std::string declined[] = {
      edited(R"("m")", R"("\u006d")"),                              // \u escape
      edited(R"(:60,)", R"(:6e1,)"),                                // exponent
      edited(R"(:60,)", R"(: 60,)"),                                // whitespace
      edited(R"("org_id":"acme","location_id":"l")", R"("location_id":"l","org_id":"acme")"),  // order
      edited(R"("status":"completed",)", ""),                       // a required field absent
      edited(R"(:60,)", R"(:60.5,)"),                               // needs rounding to scale 0
      edited(R"("web")", R"("web","extra":1)"),                     // unknown member
      head + row + "} ",                                            // trailing text
      R"({"v":1,"org":"other","dataset":"meetings","run":"r1","batch":0,"seq":1,"row":)" + row + "}",  // another job
  };
  for (const auto& payload : declined) {
    EXPECT_FALSE(check(payload, kMeetingPrimer)) << payload;
  }
  // The first record after a decoder starts is never read canonically: its job is validated by the general path.
  RecordDecoder fresh;
  EXPECT_NE(fresh.decode_to_csv("record", head + row + "}").row, nullptr);
}

}  // namespace
}  // namespace insights::schema
