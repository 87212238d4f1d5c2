#include "shared/schema/record_codec.h"

#include <gtest/gtest.h>

#include "shared/schema/job.h"

namespace insights::schema {
namespace {

const JobKey kJob{"acme", "meetings", "20261124"};

TEST(RecordCodec, RecordRoundTrip) {
  std::string payload;
  encode_record(payload, kJob, 3, 41, R"({"meeting_id":"m-1"})");
  RecordDecoder decoder;
  const auto& d = decoder.decode("record", payload);
  EXPECT_EQ(d.kind, Kind::Record);
  EXPECT_EQ(d.job, kJob);
  EXPECT_EQ(d.batch, 3u);
  EXPECT_EQ(d.seq, 41u);
  ASSERT_NE(d.row, nullptr);
  ASSERT_NE(d.row->find("meeting_id"), nullptr);
  EXPECT_EQ(d.row->find("meeting_id")->text, "m-1");
}

TEST(RecordCodec, ControlRecordsRoundTrip) {
  RecordDecoder decoder;
  const auto& end = decoder.decode("batch_end", encode_batch_end(kJob, 2, 100000));
  EXPECT_EQ(end.kind, Kind::BatchEnd);
  EXPECT_EQ(end.batch, 2u);
  EXPECT_EQ(end.count, 100000u);
  const auto& run = decoder.decode("run_end", encode_run_end(kJob, 3, 250000, "Upsert"));
  EXPECT_EQ(run.kind, Kind::RunEnd);
  EXPECT_EQ(run.batches, 3u);
  EXPECT_EQ(run.records, 250000u);
  EXPECT_EQ(run.operation, "Upsert");
}

void expect_rejected(std::string_view kind, const std::string& payload, const std::string& reason) {
  RecordDecoder decoder;
  try {
    decoder.decode(kind, payload);
    ADD_FAILURE() << "accepted: " << payload;
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
  }
}

TEST(RecordCodec, RefusesBadInputWithReasons) {
  expect_rejected("record", "{not json", "malformed JSON");
  expect_rejected("record", "[1,2]", "not a JSON object");
  expect_rejected("", R"({"v":1})", "missing 'insights-kind' header");
  expect_rejected("bogus", R"({"v":1})", "unknown 'insights-kind' header value 'bogus'");
  expect_rejected("record", R"({"v":7,"org":"a","dataset":"meetings","run":"r","batch":0,"seq":0,"row":{}})",
                  "unknown schema version 7");
  expect_rejected("record", R"({"v":1,"dataset":"meetings","run":"r","batch":0,"seq":0,"row":{}})", "missing field 'org'");
  expect_rejected("record", R"({"v":1,"org":"a","dataset":"meetings","run":"r","batch":"0","seq":0,"row":{}})",
                  "field 'batch' must be a non-negative integer");
  expect_rejected("record", R"({"v":1,"org":"a","dataset":"invoices","run":"r","batch":0,"seq":0,"row":{}})",
                  "unknown dataset 'invoices'");
  expect_rejected("record", R"({"v":1,"org":"a","dataset":"meetings","run":"r","batch":0,"seq":0,"row":[]})",
                  "'row' must be an object");
  expect_rejected("run_end", R"({"v":1,"org":"a","dataset":"meetings","run":"r","batches":1,"records":1,"operation":"Delete"})",
                  "operation 'Delete'");
  expect_rejected("record", "{\"v\":1,\"org\":\"a\xff\",\"dataset\":\"meetings\"}", "malformed JSON");
}

TEST(RecordCodec, RefusesPathUnsafeIds) {
  for (const std::string& org : std::vector<std::string>{"../etc", "a/b", ".hidden", std::string(65, 'x')}) {
    std::string payload = R"({"v":1,"org":")" + org + R"(","dataset":"meetings","run":"r","batch":0,"seq":0,"row":{}})";
    RecordDecoder decoder;
    EXPECT_THROW(decoder.decode("record", payload), RecordError) << org;
  }
  RecordDecoder decoder;
  EXPECT_THROW(decoder.decode("record", R"({"v":1,"org":"a","dataset":"meetings","run":"..","batch":0,"seq":0,"row":{}})"),
               RecordError);
  std::string nul = R"({"v":1,"org":"a\u0000b","dataset":"meetings","run":"r","batch":0,"seq":0,"row":{}})";
  EXPECT_THROW(decoder.decode("record", nul), RecordError);
}

TEST(RecordCodec, RefusesInvalidUtf8AnywhereAsMalformedJson) {
  const std::string good = R"({"v":1,"org":"a","dataset":"meetings","run":"r","batch":0,"seq":0,"row":{"meeting_id":"OK"}})";
  RecordDecoder decoder;
  EXPECT_NO_THROW(decoder.decode("record", good));
  // A lone continuation byte, an overlong '/', an encoded surrogate, a truncated sequence, a byte never in UTF-8.
  for (const std::string bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "\xFF"}) {
    std::string payload = good;
    payload.replace(payload.find("OK"), 2, bad);
    expect_rejected("record", payload, "malformed JSON");
  }
  std::string fine = good;
  fine.replace(fine.find("OK"), 2, "Z\xC3\xBCrich \xE6\x9D\xB1 \xF0\x9F\x98\x80 long enough to pass eight-byte words");
  EXPECT_NO_THROW(decoder.decode("record", fine));
}

TEST(RecordCodec, RefusesDeepNestingWithoutCrashing) {
  const std::string deep = R"({"v":1,"org":"a","dataset":"meetings","run":"r","batch":0,"seq":0,"row":{"x":)" +
                           std::string(100000, '[') + std::string(100000, ']') + "}}";
  expect_rejected("record", deep, "nested deeper than");
}

TEST(RecordCodec, ValidatesTheJobOfEveryRecordEvenWhenRepeated) {
  RecordDecoder decoder;
  std::string payload;
  encode_record(payload, kJob, 0, 0, "{}");
  EXPECT_NO_THROW(decoder.decode("record", payload));
  EXPECT_NO_THROW(decoder.decode("record", payload));
  const std::string bad = R"({"v":1,"org":"../x","dataset":"meetings","run":"20261124","batch":0,"seq":1,"row":{}})";
  EXPECT_THROW(decoder.decode("record", bad), RecordError);
  EXPECT_THROW(decoder.decode("record", bad), RecordError) << "a refused job must not be remembered as valid";
  const auto& again = decoder.decode("record", payload);
  EXPECT_EQ(again.job, kJob);
  ASSERT_NE(again.dataset, nullptr);
  EXPECT_EQ(again.dataset->name, "meetings");
}

TEST(RecordCodec, BatchKeyComparedWithoutBuildingIt) {
  EXPECT_TRUE(is_batch_key("acme/meetings/20261124/7", kJob, 7));
  EXPECT_TRUE(is_batch_key("acme/meetings/20261124/4294967295", kJob, 4294967295u));
  EXPECT_FALSE(is_batch_key("acme/meetings/20261124/70", kJob, 7));
  EXPECT_FALSE(is_batch_key("acme/meetings/20261124/07", kJob, 7));
  EXPECT_FALSE(is_batch_key("acme/meetings/20261124", kJob, 7));
  EXPECT_FALSE(is_batch_key("acme/meetings/2026112/7", kJob, 7));
  EXPECT_FALSE(is_batch_key("acmx/meetings/20261124/7", kJob, 7));
  EXPECT_FALSE(is_batch_key("acme.meetings/20261124/7", kJob, 7));
  EXPECT_FALSE(is_batch_key("", kJob, 7));
  for (std::uint32_t batch : {0u, 9u, 10u, 123456u}) EXPECT_TRUE(is_batch_key(kJob.batch_key(batch), kJob, batch));
}

TEST(JobKey, KeysAndFileName) {
  EXPECT_EQ(kJob.id(), "acme/meetings/20261124");
  EXPECT_EQ(kJob.batch_key(7), "acme/meetings/20261124/7");
  JobKey parsed;
  std::uint32_t batch = 0;
  ASSERT_TRUE(parse_batch_key("acme/meetings/20261124/7", parsed, batch));
  EXPECT_EQ(parsed, kJob);
  EXPECT_EQ(batch, 7u);
  EXPECT_FALSE(parse_batch_key("acme/meetings/20261124", parsed, batch));
  EXPECT_FALSE(parse_batch_key("acme/meetings/20261124/x", parsed, batch));
  const std::string name = kJob.file_name();
  EXPECT_EQ(name.size(), 36u);
  EXPECT_EQ(name.rfind("job_", 0), 0u);
  EXPECT_EQ(name.find("__"), std::string::npos);
  EXPECT_NE(name, (JobKey{"acme", "meetings", "20261125"}.file_name()));
  EXPECT_EQ(name, kJob.file_name());
}

}  // namespace
}  // namespace insights::schema
