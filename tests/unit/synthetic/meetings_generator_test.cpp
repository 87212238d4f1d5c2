#include "producers/synthetic/meetings_generator.h"

#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "producers/synthetic/reference_data.h"
#include "shared/util/error.h"
#include "tests/unit/synthetic/row_checks.h"

namespace insights::synthetic {
namespace {

using namespace std::chrono_literals;
using test::integer_of;
using test::text_of;
using test::time_of;

MeetingsOptions options_for(std::string org, std::uint64_t count = 1000, std::uint64_t seed = 1) {
  MeetingsOptions options;
  options.org = std::move(org);
  options.count = count;
  options.seed = seed;
  return options;
}

class MeetingsRows : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { rows_ = new std::vector<std::string>(test::collect_meetings(options_for("bank-a"))); }
  static void TearDownTestSuite() {
    delete rows_;
    rows_ = nullptr;
  }
  static const std::vector<std::string>& rows() { return *rows_; }

 private:
  static inline std::vector<std::string>* rows_ = nullptr;
};

TEST_F(MeetingsRows, EmitsTheRequestedCount) {
  EXPECT_EQ(rows().size(), 1000U);
  EXPECT_TRUE(test::collect_meetings(options_for("bank-a", 0)).empty());
  EXPECT_EQ(test::collect_meetings(options_for("bank-a", 17)).size(), 17U);
}

TEST_F(MeetingsRows, EqualOptionsGiveIdenticalBytes) {
  EXPECT_EQ(test::collect_meetings(options_for("bank-a")), rows());
}

TEST_F(MeetingsRows, MeetingNIsTheSameWhateverTheCount) {
  const auto prefix = test::collect_meetings(options_for("bank-a", 50));
  EXPECT_EQ(prefix, std::vector<std::string>(rows().begin(), rows().begin() + 50));
}

TEST_F(MeetingsRows, SeedAndOrgChangeTheData) {
  const auto other_seed = test::collect_meetings(options_for("bank-a", 1000, 2));
  EXPECT_NE(other_seed, rows());
  auto other_org = test::collect_meetings(options_for("bank-b", 1));
  EXPECT_NE(other_org.front().find("\"bank-b-m-1\""), std::string::npos);
}

TEST_F(MeetingsRows, EveryRowMatchesTheSchemaFields) {
  const auto rules = test::dataset_fields("meetings");
  ASSERT_FALSE(rules.empty());
  for (const auto& row : rows()) {
    const auto parsed = test::parse_row(row);
    ASSERT_FALSE(parsed.HasParseError()) << row;
    const auto violations = test::schema_violations(parsed, rules);
    ASSERT_TRUE(violations.empty()) << fmt::format("{}\n{}", fmt::join(violations, "\n"), row);
  }
}

TEST_F(MeetingsRows, LeadTimeHasExactlyTwoDecimals) {
  for (const auto& row : rows()) {
    const auto lead = test::raw_member(row, "lead_time_hours");
    const auto point = lead.find('.');
    ASSERT_NE(point, std::string_view::npos) << row;
    EXPECT_TRUE(test::is_digits(lead.substr(0, point))) << row;
    EXPECT_EQ(lead.size() - point, 3U) << row;
    EXPECT_TRUE(test::is_digits(lead.substr(point + 1))) << row;
  }
}

TEST_F(MeetingsRows, IdsFollowTheNamingScheme) {
  std::set<std::string> meeting_ids;
  std::uint64_t number = 0;
  for (const auto& row : rows()) {
    const auto parsed = test::parse_row(row);
    EXPECT_EQ(text_of(parsed, "meeting_id"), fmt::format("bank-a-m-{}", ++number));
    meeting_ids.insert(text_of(parsed, "meeting_id"));
    EXPECT_EQ(text_of(parsed, "org_id"), "bank-a");
    const auto location_id = text_of(parsed, "location_id");
    ASSERT_TRUE(location_id.starts_with("loc-") && test::is_counting_number(location_id.substr(4))) << row;
    const auto advisor_prefix = "adv-" + location_id.substr(4) + "-";
    std::set<std::string> advisors;
    for (const auto& advisor : parsed["advisor_ids"].GetArray()) {
      const std::string id = advisor.GetString();
      EXPECT_TRUE(id.starts_with(advisor_prefix) && test::is_counting_number(id.substr(advisor_prefix.size()))) << row;
      advisors.insert(id);
    }
    EXPECT_EQ(advisors.size(), parsed["advisor_ids"].Size()) << "advisor listed twice: " << row;
  }
  EXPECT_EQ(meeting_ids.size(), rows().size());
}

TEST_F(MeetingsRows, TimesAreConsistent) {
  const auto as_of = date::sys_days{date::year{2026} / 11 / 24} + 23h + 30min;
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    const auto start = time_of(r, "scheduled_start");
    const auto configured = integer_of(r, "configured_duration_min");
    EXPECT_EQ(time_of(r, "scheduled_end") - start, std::chrono::minutes{configured}) << row;
    EXPECT_GE(start, as_of - date::days{180}) << row;
    EXPECT_LT(start, as_of) << row;
    const date::weekday weekday{date::floor<date::days>(start)};
    EXPECT_TRUE(weekday != date::Saturday && weekday != date::Sunday) << row;
    const auto clock = start - date::floor<date::days>(start);
    EXPECT_GE(clock, 8h) << row;
    EXPECT_LE(clock + std::chrono::minutes{configured}, 17h) << row;
    const auto booked = time_of(r, "booked_at");
    EXPECT_LT(booked, start) << row;
    const double lead_hours = std::chrono::duration<double>(start - booked).count() / 3600.0;
    EXPECT_NEAR(r["lead_time_hours"].GetDouble(), lead_hours, 0.0051) << row;
    const auto last_modified = time_of(r, "last_modified");
    EXPECT_LE(last_modified, as_of) << row;
    EXPECT_GE(last_modified, r.HasMember("actual_end") ? time_of(r, "actual_end") : time_of(r, "scheduled_end")) << row;
  }
}

TEST_F(MeetingsRows, ActualDurationsAndDifferencesAddUp) {
  std::size_t completed = 0;
  std::size_t no_show = 0;
  std::size_t off_plan = 0;
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    const auto status = text_of(r, "status");
    const auto configured = integer_of(r, "configured_duration_min");
    EXPECT_TRUE(configured == 30 || configured == 45 || configured == 60 || configured == 90) << row;
    if (status == "no_show") {
      ++no_show;
      EXPECT_FALSE(r.HasMember("actual_start") || r.HasMember("actual_end") || r.HasMember("actual_duration_min") ||
                   r.HasMember("duration_diff_min"))
          << "a no-show has no actual times: " << row;
      continue;
    }
    ASSERT_EQ(status, "completed") << row;
    ++completed;
    const auto actual = integer_of(r, "actual_duration_min");
    EXPECT_EQ(time_of(r, "actual_end") - time_of(r, "actual_start"), std::chrono::minutes{actual}) << row;
    EXPECT_EQ(integer_of(r, "duration_diff_min"), actual - configured) << row;
    EXPECT_GT(actual, 0) << row;
    off_plan += actual != configured ? 1 : 0;
  }
  EXPECT_GT(completed, 850U);
  EXPECT_GT(no_show, 10U);
  EXPECT_GT(off_plan, 300U);
}

TEST_F(MeetingsRows, RoomsOnlyForInPersonMeetingsAndBigEnough) {
  std::set<std::string> formats;
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    const auto format = text_of(r, "meeting_format");
    formats.insert(format);
    const auto participants = integer_of(r, "participant_count");
    EXPECT_GE(participants, 1) << row;
    EXPECT_LE(participants, 4) << row;
    if (format == "in_person") {
      EXPECT_FALSE(text_of(r, "room_id").empty()) << row;
      EXPECT_FALSE(text_of(r, "room_name").empty()) << row;
      EXPECT_GE(integer_of(r, "room_capacity"), participants) << row;
    } else {
      EXPECT_EQ(text_of(r, "room_id"), "") << row;
      EXPECT_EQ(text_of(r, "room_name"), "") << row;
      EXPECT_EQ(integer_of(r, "room_capacity"), 0) << row;
    }
  }
  EXPECT_EQ(formats, (std::set<std::string>{"in_person", "video", "phone"}));
}

TEST_F(MeetingsRows, ThemePathJoinsItsLevelsAndMatchesTheMeetingType) {
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    std::string joined = text_of(r, "theme_level1") + " > " + text_of(r, "theme_level2");
    if (!text_of(r, "theme_level3").empty()) {
      joined += " > " + text_of(r, "theme_level3");
    }
    EXPECT_EQ(text_of(r, "theme_path"), joined) << row;
    const auto type_name = text_of(r, "meeting_type");
    const auto types = meeting_types();
    const auto type =
        std::find_if(types.begin(), types.end(), [&](const MeetingType& t) { return t.name == type_name; });
    ASSERT_NE(type, types.end()) << row;
    EXPECT_EQ(static_cast<std::int64_t>(type->duration_min), integer_of(r, "configured_duration_min")) << row;
  }
}

TEST_F(MeetingsRows, CategoricalValuesComeFromTheirLists) {
  const std::set<std::string> sources{"web", "phone", "advisor", "partner"};
  const std::set<std::string> categories{"private", "small business", "corporate", "public sector"};
  std::set<std::string> seen_sources;
  std::set<std::string> seen_categories;
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);
    seen_sources.insert(text_of(r, "booking_source"));
    seen_categories.insert(text_of(r, "customer_category"));
  }
  EXPECT_EQ(seen_sources, sources);
  EXPECT_EQ(seen_categories, categories);
}

TEST_F(MeetingsRows, SomeTextsNeedCsvQuotingAndAreValidUtf8) {
  bool comma = false;
  bool quote = false;
  bool non_ascii = false;
  for (const auto& row : rows()) {
    const auto r = test::parse_row(row);  // validates UTF-8
    ASSERT_FALSE(r.HasParseError()) << row;
    for (const char* field : {"room_name", "theme_path", "theme_level3"}) {
      const auto text = text_of(r, field);
      comma = comma || text.find(',') != std::string::npos;
      quote = quote || text.find('"') != std::string::npos;
      non_ascii = non_ascii || std::any_of(text.begin(), text.end(), [](char c) { return (c & 0x80) != 0; });
    }
  }
  EXPECT_TRUE(comma);
  EXPECT_TRUE(quote);
  EXPECT_TRUE(non_ascii);
}

TEST(MeetingsOptionsCheck, InvalidOrgOrAsOfIsRefused) {
  const auto no_rows = [](std::string_view) { FAIL() << "no row expected"; };
  EXPECT_THROW(generate_meetings(options_for(""), no_rows), Error);
  EXPECT_THROW(generate_meetings(options_for("bank/a"), no_rows), Error);
  EXPECT_THROW(generate_meetings(options_for(std::string(65, 'a')), no_rows), Error);
  auto options = options_for("bank-a");
  options.as_of = "2026-11-24";
  EXPECT_THROW(generate_meetings(options, no_rows), Error);
  try {
    generate_meetings(options_for("bank a"), no_rows);
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("organisation id 'bank a'"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace insights::synthetic
