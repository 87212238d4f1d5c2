#include "producers/synthetic/meetings_generator.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "producers/synthetic/json_row_writer.h"
#include "producers/synthetic/opening_calendar.h"
#include "producers/synthetic/org_id.h"
#include "producers/synthetic/prng.h"
#include "producers/synthetic/reference_data.h"
#include "producers/synthetic/utc_time.h"

namespace insights::synthetic {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::uint64_t kMeetingStream = 3;
constexpr std::uint32_t kLocations = 4;
constexpr std::uint32_t kAdvisorsPerLocation = 5;
constexpr std::int64_t kWindowDays = 180;
constexpr std::int64_t kSlotMinutes = 15;

constexpr std::array<std::string_view, 3> kFormats{"in_person", "video", "phone"};
constexpr std::array<std::uint32_t, 3> kFormatWeights{55, 30, 15};
constexpr std::array<std::string_view, 4> kSources{"web", "phone", "advisor", "partner"};
constexpr std::array<std::uint32_t, 4> kSourceWeights{50, 20, 20, 10};
constexpr std::array<std::uint32_t, 4> kPrivateCategoryWeights{90, 10, 0, 0};
constexpr std::array<std::uint32_t, 4> kBusinessCategoryWeights{0, 55, 35, 10};
constexpr std::array<std::uint32_t, 4> kParticipantWeights{50, 30, 12, 8};
constexpr std::uint32_t kNoShowPercent = 6;
constexpr std::uint32_t kTwoAdvisorPercent = 15;

struct MeetingRow {
  std::uint32_t location = 1;
  std::array<std::uint32_t, 2> advisors{};
  std::size_t advisor_count = 1;
  std::uint32_t room = 0;  // 1-based room number; 0 for remote meetings
  const Theme* theme = nullptr;
  const MeetingType* type = nullptr;
  std::string_view format;
  std::string_view source;
  std::string_view category;
  std::uint32_t participants = 1;
  bool no_show = false;
  UtcSeconds scheduled_start;
  UtcSeconds actual_start;
  std::int64_t actual_duration_min = 0;
  UtcSeconds booked_at;
  UtcSeconds last_modified;
};

// A weekday that is no holiday, in the 179 whole days before as_of's day, so that the meeting and its last
// change both lie within the 180 days before as_of.
date::sys_days draw_meeting_day(Xoshiro256& rng, date::sys_days as_of_day) {
  for (;;) {
    const auto day = as_of_day - date::days{rng.between(1, kWindowDays - 1)};
    if (day_kind(day) == DayKind::working) {
      return day;
    }
  }
}

UtcSeconds draw_scheduled_start(Xoshiro256& rng, date::sys_days as_of_day, std::uint32_t duration_min) {
  const auto last_slot = (kOpeningEndMinute - kOpeningStartMinute - duration_min) / kSlotMinutes;
  const auto start_minute = kOpeningStartMinute + kSlotMinutes * rng.between(0, static_cast<std::int64_t>(last_slot));
  return draw_meeting_day(rng, as_of_day) + minutes{start_minute};
}

// Mostly weeks ahead, some the same day; to the second, as a web booking would be.
seconds draw_lead_time(Xoshiro256& rng) {
  constexpr std::array<std::uint32_t, 3> kLeadWeights{15, 60, 25};
  constexpr std::array<std::pair<std::int64_t, std::int64_t>, 3> kLeadRanges{{
      {30 * 60, 8 * 3600},
      {24 * 3600, 21 * 24 * 3600},
      {21 * 24 * 3600, 90 * 24 * 3600},
  }};
  const auto& range = kLeadRanges[rng.weighted(kLeadWeights)];
  return seconds{rng.between(range.first, range.second)};
}

std::uint32_t draw_room(Xoshiro256& rng, std::uint32_t participants) {
  const auto all = rooms();
  for (;;) {
    const auto index = rng.below(all.size());
    if (all[index].capacity >= participants) {
      return static_cast<std::uint32_t>(index + 1);
    }
  }
}

void draw_advisors(Xoshiro256& rng, MeetingRow& row) {
  row.advisors[0] = 1 + rng.below(kAdvisorsPerLocation);
  row.advisor_count = 1;
  if (rng.chance(kTwoAdvisorPercent)) {
    // An offset of 1..4 places from the first advisor, so the two always differ.
    row.advisors[1] = 1 + (row.advisors[0] + rng.below(kAdvisorsPerLocation - 1)) % kAdvisorsPerLocation;
    row.advisor_count = 2;
  }
}

void draw_times(Xoshiro256& rng, date::sys_days as_of_day, UtcSeconds as_of, MeetingRow& row) {
  const auto configured = static_cast<std::int64_t>(row.type->duration_min);
  row.scheduled_start = draw_scheduled_start(rng, as_of_day, row.type->duration_min);
  row.booked_at = row.scheduled_start - draw_lead_time(rng);
  row.actual_start = row.scheduled_start + minutes{rng.between(-5, 10)};
  // A third of meetings run exactly to plan; the rest end early or late.
  row.actual_duration_min = rng.chance(33) ? configured : std::max<std::int64_t>(10, configured + rng.between(-15, 20));
  const auto end = row.no_show ? row.scheduled_start + minutes{configured}
                               : row.actual_start + minutes{row.actual_duration_min};
  row.last_modified = std::min(as_of, end + seconds{rng.between(60, 12 * 3600)});
}

MeetingRow draw_meeting(Xoshiro256& rng, date::sys_days as_of_day, UtcSeconds as_of) {
  MeetingRow row;
  row.location = 1 + rng.below(kLocations);
  draw_advisors(rng, row);
  row.theme = &themes()[rng.weighted(theme_weights())];
  row.type = &meeting_types()[row.theme->meeting_type];
  row.category = customer_categories()[rng.weighted(row.theme->business ? kBusinessCategoryWeights
                                                                         : kPrivateCategoryWeights)];
  row.format = kFormats[rng.weighted(kFormatWeights)];
  row.source = kSources[rng.weighted(kSourceWeights)];
  row.participants = static_cast<std::uint32_t>(1 + rng.weighted(kParticipantWeights));
  if (row.format == "phone") {
    row.participants = std::min<std::uint32_t>(row.participants, 2);
  }
  row.room = row.format == "in_person" ? draw_room(rng, row.participants) : 0;
  row.no_show = rng.chance(kNoShowPercent);
  draw_times(rng, as_of_day, as_of, row);
  return row;
}

// Short ids formatted into a fixed buffer: no allocation per row.
class IdText {
 public:
  template <typename... Args>
  std::string_view format(fmt::format_string<Args...> pattern, Args&&... args) {
    const auto written = fmt::format_to_n(text_.data(), text_.size(), pattern, std::forward<Args>(args)...);
    return {text_.data(), std::min(written.size, text_.size())};
  }

 private:
  std::array<char, 128> text_{};
};

void write_theme(JsonRowWriter& writer, const Theme& theme, std::string& path) {
  path.clear();
  for (const auto level : theme.levels) {
    if (level.empty()) {
      break;
    }
    if (!path.empty()) {
      path += " > ";
    }
    path += level;
  }
  writer.text("theme_path", path);
  writer.text("theme_level1", theme.levels[0]);
  writer.text("theme_level2", theme.levels[1]);
  writer.text("theme_level3", theme.levels[2]);
}

void write_room(JsonRowWriter& writer, const MeetingRow& row) {
  IdText id;
  // Remote meetings have no room: empty id and name, and the schema's default capacity 0.
  if (row.room == 0) {
    writer.text("room_id", "");
    writer.text("room_name", "");
    writer.integer("room_capacity", 0);
    return;
  }
  const auto& room = rooms()[row.room - 1];
  writer.text("room_id", id.format("loc-{}-room-{}", row.location, row.room));
  writer.text("room_name", room.name);
  writer.integer("room_capacity", room.capacity);
}

void write_durations(JsonRowWriter& writer, const MeetingRow& row) {
  const auto configured = static_cast<std::int64_t>(row.type->duration_min);
  writer.timestamp("scheduled_start", row.scheduled_start);
  writer.timestamp("scheduled_end", row.scheduled_start + minutes{configured});
  // A no-show has no actual times: the optional fields are left out rather than invented.
  if (!row.no_show) {
    writer.timestamp("actual_start", row.actual_start);
    writer.timestamp("actual_end", row.actual_start + minutes{row.actual_duration_min});
  }
  writer.integer("configured_duration_min", configured);
  if (!row.no_show) {
    writer.integer("actual_duration_min", row.actual_duration_min);
    writer.integer("duration_diff_min", row.actual_duration_min - configured);
  }
}

void write_booking(JsonRowWriter& writer, const MeetingRow& row) {
  const auto lead = std::chrono::duration_cast<seconds>(row.scheduled_start - row.booked_at).count();
  writer.timestamp("booked_at", row.booked_at);
  writer.hundredths("lead_time_hours", (lead * 100 + 1800) / 3600);
  writer.text("booking_source", row.source);
  writer.text("meeting_type", row.type->name);
  writer.text("meeting_format", row.format);
}

// Fields in the schema's order, so that rows read like the dataset.
class MeetingWriter {
 public:
  explicit MeetingWriter(std::string_view org) : org_(org) {}

  std::string_view write(std::uint64_t number, const MeetingRow& row) {
    IdText id;
    writer_.begin_row();
    meeting_id_.assign(org_).append("-m-");
    fmt::format_to(std::back_inserter(meeting_id_), "{}", number);
    writer_.text("meeting_id", meeting_id_);
    writer_.text("org_id", org_);
    writer_.text("location_id", id.format("loc-{}", row.location));
    writer_.begin_array("advisor_ids");
    for (std::size_t i = 0; i < row.advisor_count; ++i) {
      writer_.array_text(id.format("adv-{}-{}", row.location, row.advisors[i]));
    }
    writer_.end_array();
    write_room(writer_, row);
    write_durations(writer_, row);
    write_booking(writer_, row);
    write_theme(writer_, *row.theme, theme_path_);
    writer_.text("customer_category", row.category);
    writer_.integer("participant_count", row.participants);
    writer_.text("status", row.no_show ? "no_show" : "completed");
    writer_.timestamp("last_modified", row.last_modified);
    return writer_.end_row();
  }

 private:
  std::string_view org_;
  JsonRowWriter writer_;
  std::string meeting_id_;
  std::string theme_path_;
};

}  // namespace

void generate_meetings(const MeetingsOptions& options, const RowSink& emit) {
  validate_org_id(options.org);
  const auto as_of = parse_utc_timestamp(options.as_of, "meetings as_of");
  const auto as_of_day = date::floor<date::days>(as_of);
  const auto base = org_seed(options.seed, options.org);
  MeetingWriter writer(options.org);
  for (std::uint64_t number = 1; number <= options.count; ++number) {
    Xoshiro256 rng(derive_seed(base, kMeetingStream, number));
    emit(writer.write(number, draw_meeting(rng, as_of_day, as_of)));
  }
}

}  // namespace insights::synthetic
