#include "producers/meetings/meeting_row_builder.h"

#include <array>
#include <chrono>

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include "producers/meetings/bad_line.h"
#include "producers/meetings/iso_time.h"
#include "producers/meetings/text_rules.h"
#include "producers/synthetic/utc_time.h"

namespace insights::meetings {

namespace {

constexpr std::size_t kParseBufferBytes = 64 * 1024;
constexpr std::int64_t kMaxNumeric = 999'999;  // precision 6 in the schema

constexpr std::array<std::string_view, 3> kExportedStatuses{"completed", "no_show", "cancelled_late"};
constexpr std::array<std::string_view, 2> kOtherStatuses{"scheduled", "cancelled"};
constexpr std::array<std::string_view, 3> kFormats{"in_person", "video", "phone"};

template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& values) {
  for (const auto candidate : values) {
    if (candidate == value) {
      return true;
    }
  }
  return false;
}

const rapidjson::Value* present(const rapidjson::Value& meeting, const char* name) {
  const auto it = meeting.FindMember(name);
  return it == meeting.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

std::string_view checked_text(const rapidjson::Value& value, const char* name) {
  if (!value.IsString()) {
    throw BadLine(name, "must be a string");
  }
  const std::string_view text(value.GetString(), value.GetStringLength());
  if (utf8_chars(text) > kMaxTextChars) {
    throw BadLine(name, fmt::format("longer than {} characters", kMaxTextChars));
  }
  return text;
}

// Absent, null and "" all mean "not set" for optional fields.
std::string_view optional_text(const rapidjson::Value& meeting, const char* name) {
  const auto* value = present(meeting, name);
  return value == nullptr ? std::string_view{} : checked_text(*value, name);
}

std::string_view required_text(const rapidjson::Value& meeting, const char* name) {
  const auto text = optional_text(meeting, name);
  if (text.empty()) {
    throw BadLine(name, "missing or empty");
  }
  return text;
}

std::optional<UtcSeconds> optional_time(const rapidjson::Value& meeting, const char* name) {
  const auto text = optional_text(meeting, name);
  if (text.empty()) {
    return std::nullopt;
  }
  try {
    return parse_iso_time(text);
  } catch (const Error& error) {
    throw BadLine(name, error.what());
  }
}

UtcSeconds required_time(const rapidjson::Value& meeting, const char* name) {
  const auto time = optional_time(meeting, name);
  if (!time) {
    throw BadLine(name, "missing or empty");
  }
  return *time;
}

template <typename Value>
const Value& lookup(const IdMap<Value>& map, std::string_view id, const char* field, std::string_view what) {
  const auto* found = ReferenceData::find(map, id);
  if (found == nullptr) {
    throw BadLine(field, fmt::format("unknown {} '{}'; add it to the reference data", what, id));
  }
  return *found;
}

std::int64_t seconds_between(UtcSeconds from, UtcSeconds to) { return (to - from).count(); }

// Rounded half away from zero, so that a booking made after the start (walk-ins) mirrors one made before.
std::int64_t rounded_div(std::int64_t value, std::int64_t divisor) {
  const auto magnitude = ((value < 0 ? -value : value) + divisor / 2) / divisor;
  return value < 0 ? -magnitude : magnitude;
}

void write_advisors(synthetic::JsonRowWriter& writer, const rapidjson::Value& meeting) {
  const auto* advisors = present(meeting, "advisor_ids");
  if (advisors == nullptr || !advisors->IsArray() || advisors->Empty()) {
    throw BadLine("advisor_ids", "must be a non-empty array of advisor ids");
  }
  writer.begin_array("advisor_ids");
  for (const auto& advisor : advisors->GetArray()) {
    const auto id = checked_text(advisor, "advisor_ids");
    // Multi-value fields are joined with ';' in the CSV.
    if (id.empty() || id.find(';') != std::string_view::npos) {
      throw BadLine("advisor_ids", fmt::format("advisor id '{}' is empty or contains ';'", id));
    }
    writer.array_text(id);
  }
  writer.end_array();
}

void write_room(synthetic::JsonRowWriter& writer, const ReferenceData& reference, const rapidjson::Value& meeting) {
  const auto room_id = optional_text(meeting, "room_id");
  // A remote meeting has no room: empty id and name, and the schema's default capacity 0.
  if (room_id.empty()) {
    writer.text("room_id", "");
    writer.text("room_name", "");
    writer.integer("room_capacity", 0);
    return;
  }
  const auto& room = lookup(reference.rooms, room_id, "room_id", "room");
  writer.text("room_id", room_id);
  writer.text("room_name", room.name);
  writer.integer("room_capacity", room.capacity);
}

std::optional<std::int64_t> actual_minutes(const rapidjson::Value& meeting, std::optional<UtcSeconds> start,
                                           std::optional<UtcSeconds> end) {
  if (start.has_value() != end.has_value()) {
    throw BadLine(start ? "actual_end" : "actual_start", "actual_start and actual_end come together or not at all");
  }
  if (!start) {
    return std::nullopt;
  }
  const auto minutes = rounded_div(seconds_between(*start, *end), 60);
  if (*end < *start || minutes > kMaxNumeric) {
    throw BadLine("actual_end", fmt::format("'{}' is before actual_start or over {} minutes after it",
                                            optional_text(meeting, "actual_end"), kMaxNumeric));
  }
  return minutes;
}

void write_times(synthetic::JsonRowWriter& writer, const rapidjson::Value& meeting, const MeetingType& type) {
  const auto scheduled_start = required_time(meeting, "scheduled_start");
  const auto scheduled_end = required_time(meeting, "scheduled_end");
  if (scheduled_end < scheduled_start) {
    throw BadLine("scheduled_end", "is before scheduled_start");
  }
  const auto actual_start = optional_time(meeting, "actual_start");
  const auto actual_end = optional_time(meeting, "actual_end");
  const auto actual = actual_minutes(meeting, actual_start, actual_end);
  writer.timestamp("scheduled_start", scheduled_start);
  writer.timestamp("scheduled_end", scheduled_end);
  if (actual) {
    writer.timestamp("actual_start", *actual_start);
    writer.timestamp("actual_end", *actual_end);
  }
  writer.integer("configured_duration_min", type.duration_min);
  if (actual) {
    writer.integer("actual_duration_min", *actual);
    writer.integer("duration_diff_min", *actual - static_cast<std::int64_t>(type.duration_min));
  }
  const auto booked_at = required_time(meeting, "booked_at");
  writer.timestamp("booked_at", booked_at);
  writer.hundredths("lead_time_hours", rounded_div(seconds_between(booked_at, scheduled_start) * 100, 3600));
}

void write_theme(synthetic::JsonRowWriter& writer, const ReferenceData& reference, const rapidjson::Value& meeting) {
  const auto theme_id = optional_text(meeting, "theme_id");
  if (theme_id.empty()) {
    return;
  }
  const auto& theme = lookup(reference.themes, theme_id, "theme_id", "theme");
  writer.text("theme_path", theme.path);
  writer.text("theme_level1", theme.levels[0]);
  writer.text("theme_level2", theme.levels[1]);
  writer.text("theme_level3", theme.levels[2]);
}

void write_participants(synthetic::JsonRowWriter& writer, const rapidjson::Value& meeting) {
  const auto* participants = present(meeting, "participants");
  if (participants == nullptr) {
    return;
  }
  if (!participants->IsInt64() || participants->GetInt64() < 0 || participants->GetInt64() > kMaxNumeric) {
    throw BadLine("participants", fmt::format("must be a whole number from 0 to {}", kMaxNumeric));
  }
  writer.integer("participant_count", participants->GetInt64());
}

}  // namespace

MeetingRowBuilder::MeetingRowBuilder(const ReferenceData& reference, const WatermarkStore& watermarks)
    : reference_(reference),
      watermarks_(watermarks),
      value_buffer_(kParseBufferBytes),
      stack_buffer_(kParseBufferBytes) {}

const std::optional<std::string>& MeetingRowBuilder::watermark_of(std::string_view org) {
  auto it = watermark_cache_.find(org);
  if (it == watermark_cache_.end()) {
    it = watermark_cache_.emplace(std::string(org), watermarks_.get(std::string(org))).first;
  }
  return it->second;
}

LineOutcome MeetingRowBuilder::build(std::string_view line) {
  rapidjson::MemoryPoolAllocator<> values(value_buffer_.data(), value_buffer_.size());
  rapidjson::MemoryPoolAllocator<> stack(stack_buffer_.data(), stack_buffer_.size());
  using PoolDocument =
      rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::MemoryPoolAllocator<>>;
  PoolDocument meeting(&values, kParseBufferBytes / 4, &stack);
  meeting.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  org_.clear();
  if (meeting.HasParseError()) {
    throw BadLine("(json)", fmt::format("not valid JSON at column {} ({})", meeting.GetErrorOffset() + 1,
                                        rapidjson::GetParseError_En(meeting.GetParseError())));
  }
  if (!meeting.IsObject()) {
    throw BadLine("(json)", "a line must be one JSON object");
  }
  const auto org = required_text(meeting, "org_id");
  const auto* organisation = ReferenceData::find(reference_.organisations, org);
  if (!valid_org_id(org) || organisation == nullptr) {
    throw BadLine("org_id", fmt::format("unknown organisation '{}'; add it to the reference data", org));
  }
  org_.assign(org);
  if (!organisation->insights_enabled) {
    return LineOutcome::org_disabled;
  }
  // Every line of an enabled org is checked, exported or not, so a broken line is reported wherever it is.
  const auto status = required_text(meeting, "status");
  const bool exported_status = one_of(status, kExportedStatuses);
  if (!exported_status && !one_of(status, kOtherStatuses)) {
    throw BadLine("status", fmt::format("unknown status '{}'; expected completed, no_show, cancelled_late, "
                                        "scheduled or cancelled",
                                        status));
  }
  last_modified_.assign(synthetic::as_view(synthetic::format_utc_timestamp(required_time(meeting, "last_modified"))));
  write_row(meeting);
  if (!exported_status) {
    return LineOutcome::not_completed;
  }
  const auto& watermark = watermark_of(org);
  return watermark && last_modified_ <= *watermark ? LineOutcome::unchanged : LineOutcome::exported;
}

// Fields in the schema's order, so that rows read like the dataset.
void MeetingRowBuilder::write_row(const rapidjson::Value& meeting) {
  const auto& type = lookup(reference_.meeting_types, required_text(meeting, "meeting_type_id"), "meeting_type_id",
                            "meeting type");
  const auto format = required_text(meeting, "format");
  if (!one_of(format, kFormats)) {
    throw BadLine("format", fmt::format("unknown format '{}'; expected in_person, video or phone", format));
  }
  const auto category_id = optional_text(meeting, "customer_category_id");
  const auto* category =
      category_id.empty() ? nullptr : &lookup(reference_.customer_categories, category_id, "customer_category_id",
                                              "customer category");
  writer_.begin_row();
  writer_.text("meeting_id", required_text(meeting, "meeting_id"));
  writer_.text("org_id", org_);
  writer_.text("location_id", required_text(meeting, "location_id"));
  write_advisors(writer_, meeting);
  write_room(writer_, reference_, meeting);
  write_times(writer_, meeting, type);
  writer_.text("booking_source", required_text(meeting, "booking_source"));
  writer_.text("meeting_type", type.name);
  writer_.text("meeting_format", format);
  write_theme(writer_, reference_, meeting);
  if (category != nullptr) {
    writer_.text("customer_category", *category);
  }
  write_participants(writer_, meeting);
  writer_.text("status", required_text(meeting, "status"));
  writer_.text("last_modified", last_modified_);
  row_json_ = writer_.end_row();
}

}  // namespace insights::meetings
