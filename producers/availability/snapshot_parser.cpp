#include "producers/availability/snapshot_parser.h"

#include <fstream>
#include <iterator>
#include <set>

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include "producers/availability/ids.h"
#include "producers/availability/json_node.h"
#include "producers/availability/local_calendar.h"
#include "producers/availability/time_text.h"
#include "shared/util/error.h"

namespace insights::availability {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};
static_assert(std::tuple_size_v<WeeklyHours> == kWeekdays.size());
constexpr std::uint32_t kMaxHorizonDays = 400;
constexpr std::uint32_t kMinutesPerDay = 1440;

// Runs a text parser and reports its complaint at the node's location.
template <typename Parse>
auto parse_at(const JsonNode& node, Parse parse) {
  const std::string text = node.string();
  try {
    return parse(text);
  } catch (const Error& e) {
    node.fail(e.what());
  }
}

std::string id_at(const JsonNode& node, bool organisation = false) {
  std::string id = node.string();
  if (auto problem = id_problem(id, organisation); !problem.empty()) node.fail(problem);
  return id;
}

std::string optional_text(const JsonNode& object, std::string_view name) {
  const auto node = object.find(name);
  return node ? node->string() : std::string();
}

// Ids are unique within their list; `what` names the kind of thing in the error.
class UniqueIds {
 public:
  explicit UniqueIds(std::string_view what) : what_(what) {}
  void add(const JsonNode& node, const std::string& id) {
    if (!ids_.insert(id).second) node.fail(fmt::format("duplicate {} id '{}'", what_, id));
  }
  bool contains(const std::string& id) const { return ids_.count(id) != 0; }

 private:
  std::string_view what_;
  std::set<std::string, std::less<>> ids_;
};

WeeklyHours parse_weekly(const JsonNode& node) {
  node.expect_object({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"});
  WeeklyHours week;
  for (std::size_t day = 0; day < kWeekdays.size(); ++day) {
    if (const auto ranges = node.find(kWeekdays[day])) {
      for (const auto& range : ranges->elements()) week[day].push_back(parse_at(range, parse_clock_range));
    }
  }
  return week;
}

WeeklyHours optional_weekly(const JsonNode& object, std::string_view name) {
  const auto node = object.find(name);
  return node ? parse_weekly(*node) : WeeklyHours{};
}

Moment moment_at(const JsonNode& node, bool round_up) {
  return parse_at(node, [round_up](const std::string& text) { return parse_moment(text, round_up); });
}

// Start and end of an absence or booking; the end must come after the start when both are in the same clock.
std::pair<Moment, Moment> span_at(const JsonNode& object) {
  const auto end_node = object.member("end");
  const Moment start = moment_at(object.member("start"), false);
  const Moment end = moment_at(end_node, true);
  if (start.utc == end.utc && end.minutes <= start.minutes) end_node.fail("ends before it starts");
  return {start, end};
}

MeetingType parse_meeting_type(const JsonNode& node) {
  node.expect_object({"id", "name", "duration_minutes", "buffer_minutes"});
  MeetingType type;
  type.id = id_at(node.member("id"));
  type.name = optional_text(node, "name");
  type.duration_minutes = node.member("duration_minutes").unsigned_integer(1, kMinutesPerDay);
  if (const auto buffer = node.find("buffer_minutes")) type.buffer_minutes = buffer->unsigned_integer(0, 240);
  return type;
}

Location parse_location(const JsonNode& node) {
  node.expect_object({"id", "name", "time_zone", "opening_hours", "closed_dates", "holidays"});
  Location location;
  location.id = id_at(node.member("id"));
  location.name = optional_text(node, "name");
  const auto zone = node.member("time_zone");
  location.time_zone = zone.string();
  try {
    find_time_zone(location.time_zone);
  } catch (const Error& e) {
    zone.fail(e.what());
  }
  location.opening_hours = parse_weekly(node.member("opening_hours"));
  if (const auto dates = node.find("closed_dates")) {
    for (const auto& d : dates->elements()) location.closed_dates.push_back(parse_at(d, parse_date));
  }
  if (const auto holidays = node.find("holidays")) {
    for (const auto& h : holidays->elements()) {
      h.expect_object({"date", "name"});
      location.holidays.push_back({parse_at(h.member("date"), parse_date), optional_text(h, "name")});
    }
  }
  return location;
}

Advisor parse_advisor(const JsonNode& node, const UniqueIds& locations, const UniqueIds& types) {
  node.expect_object({"id", "name", "locations", "breaks", "absences", "meeting_types", "max_meetings_per_day"});
  Advisor advisor;
  advisor.id = id_at(node.member("id"));
  advisor.name = optional_text(node, "name");
  UniqueIds served("location");
  for (const auto& entry : node.member("locations").elements()) {
    entry.expect_object({"location_id", "working_hours"});
    const auto id_node = entry.member("location_id");
    AdvisorLocation at{id_at(id_node), parse_weekly(entry.member("working_hours"))};
    if (!locations.contains(at.location_id)) id_node.fail(fmt::format("unknown location '{}'", at.location_id));
    served.add(id_node, at.location_id);
    advisor.locations.push_back(std::move(at));
  }
  advisor.breaks = optional_weekly(node, "breaks");
  if (const auto absences = node.find("absences")) {
    for (const auto& a : absences->elements()) {
      a.expect_object({"start", "end", "reason"});
      const auto [start, end] = span_at(a);
      advisor.absences.push_back({start, end, optional_text(a, "reason")});
    }
  }
  for (const auto& t : node.member("meeting_types").elements()) {
    std::string id = id_at(t);
    if (!types.contains(id)) t.fail(fmt::format("unknown meeting type '{}'", id));
    advisor.meeting_types.push_back(std::move(id));
  }
  if (const auto max = node.find("max_meetings_per_day")) advisor.max_meetings_per_day = max->unsigned_integer(0, 1000);
  return advisor;
}

Booking parse_booking(const JsonNode& node, const UniqueIds& advisors, const UniqueIds& locations,
                      const UniqueIds& types) {
  node.expect_object({"id", "advisor_id", "location_id", "meeting_type", "start", "end"});
  Booking booking;
  booking.id = node.member("id").string();
  const auto check = [](const JsonNode& ref, const UniqueIds& known, std::string_view what) {
    std::string id = id_at(ref);
    if (!known.contains(id)) ref.fail(fmt::format("unknown {} '{}'", what, id));
    return id;
  };
  booking.advisor_id = check(node.member("advisor_id"), advisors, "advisor");
  booking.location_id = check(node.member("location_id"), locations, "location");
  booking.meeting_type = check(node.member("meeting_type"), types, "meeting type");
  std::tie(booking.start, booking.end) = span_at(node);
  return booking;
}

OrganisationSettings parse_settings(const JsonNode& node, const UniqueIds& locations) {
  node.expect_object({"horizon_days", "granularity_minutes", "locations"});
  OrganisationSettings settings;
  if (const auto days = node.find("horizon_days")) settings.horizon_days = days->unsigned_integer(1, kMaxHorizonDays);
  if (const auto step = node.find("granularity_minutes")) {
    settings.granularity_minutes = step->unsigned_integer(1, 60);
    if (60 % settings.granularity_minutes != 0) step->fail("granularity must divide an hour (15, 20, 30 or 60)");
  }
  if (const auto ids = node.find("locations")) {
    for (const auto& l : ids->elements()) {
      std::string id = id_at(l);
      if (!locations.contains(id)) l.fail(fmt::format("unknown location '{}'", id));
      settings.locations.push_back(std::move(id));
    }
  }
  return settings;
}

Organisation parse_organisation(const JsonNode& node) {
  node.expect_object({"id", "name", "insights_enabled", "settings", "meeting_types", "locations", "advisors",
                      "bookings"});
  Organisation org;
  org.id = id_at(node.member("id"), true);
  org.name = optional_text(node, "name");
  org.insights_enabled = node.member("insights_enabled").boolean();

  UniqueIds type_ids("meeting type");
  if (const auto types = node.find("meeting_types")) {
    for (const auto& t : types->elements()) {
      org.meeting_types.push_back(parse_meeting_type(t));
      type_ids.add(t, org.meeting_types.back().id);
    }
  }
  UniqueIds location_ids("location");
  for (const auto& l : node.member("locations").elements()) {
    org.locations.push_back(parse_location(l));
    location_ids.add(l, org.locations.back().id);
  }
  if (const auto settings = node.find("settings")) org.settings = parse_settings(*settings, location_ids);
  UniqueIds advisor_ids("advisor");
  for (const auto& a : node.member("advisors").elements()) {
    org.advisors.push_back(parse_advisor(a, location_ids, type_ids));
    advisor_ids.add(a, org.advisors.back().id);
  }
  UniqueIds booking_ids("booking");
  if (const auto bookings = node.find("bookings")) {
    for (const auto& b : bookings->elements()) {
      org.bookings.push_back(parse_booking(b, advisor_ids, location_ids, type_ids));
      booking_ids.add(b, org.bookings.back().id);
    }
  }
  return org;
}

}  // namespace

Snapshot parse_snapshot(std::string_view json, std::string_view source_name) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.data(), json.size());
  if (doc.HasParseError()) {
    std::string_view problem = rapidjson::GetParseError_En(doc.GetParseError());
    if (problem.ends_with('.')) problem.remove_suffix(1);
    throw Error(fmt::format("broken snapshot '{}' at {}: not valid JSON: {}; fix the snapshot and run again",
                            source_name, text_position(json, doc.GetErrorOffset()), problem));
  }
  const JsonNode root(doc, "", source_name);
  root.expect_object({"version", "exported_at", "organisations"});
  Snapshot snapshot;
  const auto version = root.member("version");
  snapshot.version = static_cast<int>(version.unsigned_integer(0, 1000));
  if (snapshot.version != kSnapshotVersion) {
    version.fail(fmt::format("snapshot version {} is not supported (this program reads version {})",
                             snapshot.version, kSnapshotVersion));
  }
  snapshot.exported_at = optional_text(root, "exported_at");
  UniqueIds org_ids("organisation");
  for (const auto& o : root.member("organisations").elements()) {
    snapshot.organisations.push_back(parse_organisation(o));
    org_ids.add(o, snapshot.organisations.back().id);
  }
  return snapshot;
}

Snapshot load_snapshot(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("cannot read snapshot '{}': check the path and its permissions", file.string()));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw Error(fmt::format("reading snapshot '{}' failed: check the file", file.string()));
  return parse_snapshot(text, file.string());
}

}  // namespace insights::availability
