#include "producers/availability/snapshot_writer.h"

#include <array>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "producers/availability/time_text.h"

namespace insights::availability {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};

void key(JsonWriter& w, std::string_view name) { w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size())); }

void text(JsonWriter& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void text_member(JsonWriter& w, std::string_view name, std::string_view value) {
  key(w, name);
  text(w, value);
}

void optional_text_member(JsonWriter& w, std::string_view name, std::string_view value) {
  if (!value.empty()) text_member(w, name, value);
}

void uint_member(JsonWriter& w, std::string_view name, std::uint32_t value) {
  key(w, name);
  w.Uint(value);
}

void weekly(JsonWriter& w, std::string_view name, const WeeklyHours& week) {
  key(w, name);
  w.StartObject();
  for (std::size_t day = 0; day < week.size(); ++day) {
    if (week[day].empty()) continue;
    key(w, kWeekdays[day]);
    w.StartArray();
    for (const auto& range : week[day]) text(w, format_clock_range(range));
    w.EndArray();
  }
  w.EndObject();
}

void write_location(JsonWriter& w, const Location& location) {
  w.StartObject();
  text_member(w, "id", location.id);
  optional_text_member(w, "name", location.name);
  text_member(w, "time_zone", location.time_zone);
  weekly(w, "opening_hours", location.opening_hours);
  key(w, "closed_dates");
  w.StartArray();
  for (const auto day : location.closed_dates) text(w, format_date(day));
  w.EndArray();
  key(w, "holidays");
  w.StartArray();
  for (const auto& holiday : location.holidays) {
    w.StartObject();
    text_member(w, "date", format_date(holiday.date));
    optional_text_member(w, "name", holiday.name);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void write_advisor(JsonWriter& w, const Advisor& advisor) {
  w.StartObject();
  text_member(w, "id", advisor.id);
  optional_text_member(w, "name", advisor.name);
  key(w, "locations");
  w.StartArray();
  for (const auto& at : advisor.locations) {
    w.StartObject();
    text_member(w, "location_id", at.location_id);
    weekly(w, "working_hours", at.working_hours);
    w.EndObject();
  }
  w.EndArray();
  weekly(w, "breaks", advisor.breaks);
  key(w, "absences");
  w.StartArray();
  for (const auto& absence : advisor.absences) {
    w.StartObject();
    text_member(w, "start", format_moment(absence.start));
    text_member(w, "end", format_moment(absence.end));
    optional_text_member(w, "reason", absence.reason);
    w.EndObject();
  }
  w.EndArray();
  key(w, "meeting_types");
  w.StartArray();
  for (const auto& type : advisor.meeting_types) text(w, type);
  w.EndArray();
  uint_member(w, "max_meetings_per_day", advisor.max_meetings_per_day);
  w.EndObject();
}

void write_booking(JsonWriter& w, const Booking& booking) {
  w.StartObject();
  text_member(w, "id", booking.id);
  text_member(w, "advisor_id", booking.advisor_id);
  text_member(w, "location_id", booking.location_id);
  text_member(w, "meeting_type", booking.meeting_type);
  text_member(w, "start", format_moment(booking.start));
  text_member(w, "end", format_moment(booking.end));
  w.EndObject();
}

void write_organisation(JsonWriter& w, const Organisation& org) {
  w.StartObject();
  text_member(w, "id", org.id);
  optional_text_member(w, "name", org.name);
  key(w, "insights_enabled");
  w.Bool(org.insights_enabled);
  key(w, "settings");
  w.StartObject();
  uint_member(w, "horizon_days", org.settings.horizon_days);
  uint_member(w, "granularity_minutes", org.settings.granularity_minutes);
  key(w, "locations");
  w.StartArray();
  for (const auto& id : org.settings.locations) text(w, id);
  w.EndArray();
  w.EndObject();
  key(w, "meeting_types");
  w.StartArray();
  for (const auto& type : org.meeting_types) {
    w.StartObject();
    text_member(w, "id", type.id);
    optional_text_member(w, "name", type.name);
    uint_member(w, "duration_minutes", type.duration_minutes);
    uint_member(w, "buffer_minutes", type.buffer_minutes);
    w.EndObject();
  }
  w.EndArray();
  key(w, "locations");
  w.StartArray();
  for (const auto& location : org.locations) write_location(w, location);
  w.EndArray();
  key(w, "advisors");
  w.StartArray();
  for (const auto& advisor : org.advisors) write_advisor(w, advisor);
  w.EndArray();
  key(w, "bookings");
  w.StartArray();
  for (const auto& booking : org.bookings) write_booking(w, booking);
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string snapshot_to_json(const Snapshot& snapshot) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  key(w, "version");
  w.Int(snapshot.version);
  optional_text_member(w, "exported_at", snapshot.exported_at);
  key(w, "organisations");
  w.StartArray();
  for (const auto& org : snapshot.organisations) write_organisation(w, org);
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace insights::availability
