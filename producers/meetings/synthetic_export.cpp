#include "producers/meetings/synthetic_export.h"

#include <array>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "producers/meetings/text_rules.h"
#include "producers/synthetic/json_row_writer.h"
#include "producers/synthetic/prng.h"
#include "producers/synthetic/reference_data.h"
#include "producers/synthetic/utc_time.h"
#include "shared/util/error.h"

namespace insights::meetings {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using synthetic::UtcSeconds;
using synthetic::Xoshiro256;

constexpr std::uint32_t kLocations = 4;
constexpr std::uint32_t kAdvisorsPerLocation = 5;
constexpr std::uint64_t kExportStream = 7;
constexpr std::uint64_t kBadLineEvery = 997;

constexpr std::array<std::string_view, 3> kFormats{"in_person", "video", "phone"};
constexpr std::array<std::uint32_t, 3> kFormatWeights{55, 30, 15};
constexpr std::array<std::string_view, 4> kSources{"web", "phone", "advisor", "partner"};
constexpr std::array<std::uint32_t, 4> kSourceWeights{50, 20, 20, 10};
constexpr std::array<std::uint32_t, 4> kPrivateCategoryWeights{90, 10, 0, 0};
constexpr std::array<std::uint32_t, 4> kBusinessCategoryWeights{0, 55, 35, 10};
constexpr std::array<std::string_view, 5> kStatuses{"completed", "no_show", "cancelled_late", "cancelled",
                                                    "scheduled"};
constexpr std::array<std::uint32_t, 5> kStatusWeights{80, 6, 3, 6, 5};
// BookMe writes local times with their offset; any offset names the same instant.
constexpr std::array<std::pair<std::string_view, int>, 5> kOffsets{
    {{"Z", 0}, {"+01:00", 60}, {"+02:00", 120}, {"-05:00", -300}, {"+05:30", 330}}};

// Theme ids by position in the hierarchy: "th-2" top level, "th-2-1" below it, "th-2-1-3" below that.
class ThemeIds {
 public:
  ThemeIds() {
    for (const auto& theme : synthetic::themes()) {
      std::string parent;
      for (std::size_t level = 0; level < theme.levels.size() && !theme.levels[level].empty(); ++level) {
        parent = id_of(parent, theme.levels[level]);
      }
      leaves_.push_back(parent);
    }
  }
  const std::string& leaf(std::size_t theme) const { return leaves_[theme]; }
  // (id, parent, name) in creation order.
  const std::vector<std::array<std::string, 3>>& all() const { return all_; }

 private:
  std::string id_of(const std::string& parent, std::string_view name) {
    const auto key = std::make_pair(parent, std::string(name));
    const auto it = ids_.find(key);
    if (it != ids_.end()) {
      return it->second;
    }
    const auto id = fmt::format("{}-{}", parent.empty() ? "th" : parent, ++children_[parent]);
    all_.push_back({id, parent, std::string(name)});
    return ids_.emplace(key, id).first->second;
  }

  std::map<std::pair<std::string, std::string>, std::string> ids_;
  std::map<std::string, int> children_;
  std::vector<std::array<std::string, 3>> all_;
  std::vector<std::string> leaves_;
};

void validate_orgs(const SyntheticExportOptions& options) {
  for (const auto& org : options.orgs) {
    if (!valid_org_id(org) || org == kSyntheticDisabledOrg) {
      throw Error(fmt::format("synthetic meetings export: organisation id '{}' is invalid or reserved; use 1-64 "
                              "characters of A-Z a-z 0-9 _ - other than '{}'",
                              org, kSyntheticDisabledOrg));
    }
  }
}

class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& file) : path_(file), out_(file, std::ios::binary) {
    check("create");
  }
  void line(std::string_view text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size())).put('\n');
  }
  void finish() {
    out_.close();
    check("write");
  }

 private:
  void check(std::string_view action) {
    if (!out_) {
      throw Error(fmt::format("synthetic meetings export: cannot {} {}; check the path and free disk space", action,
                              path_.string()));
    }
  }
  std::filesystem::path path_;
  std::ofstream out_;
};

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void put(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(JsonWriter& w, const char* key, std::uint32_t value) {
  w.Key(key);
  w.Uint(value);
}

void write_organisations(JsonWriter& w, const SyntheticExportOptions& options) {
  w.Key("organisations");
  w.StartArray();
  auto organisation = [&](std::string_view id, bool enabled) {
    w.StartObject();
    put(w, "id", id);
    put(w, "name", fmt::format("{} (BookMe tenant)", id));
    w.Key("insights_enabled");
    w.Bool(enabled);
    w.EndObject();
  };
  for (const auto& org : options.orgs) {
    organisation(org, true);
  }
  organisation(kSyntheticDisabledOrg, false);
  w.EndArray();
}

void write_themes(JsonWriter& w, const ThemeIds& ids) {
  w.Key("themes");
  w.StartArray();
  for (const auto& [id, parent, name] : ids.all()) {
    w.StartObject();
    put(w, "id", id);
    w.Key("parent");
    if (parent.empty()) {
      w.Null();
    } else {
      w.String(parent.c_str());
    }
    put(w, "name", name);
    w.EndObject();
  }
  w.EndArray();
}

void write_categories_rooms_types(JsonWriter& w) {
  w.Key("customer_categories");
  w.StartArray();
  const auto categories = synthetic::customer_categories();
  for (std::size_t i = 0; i < categories.size(); ++i) {
    w.StartObject();
    put(w, "id", fmt::format("cc-{}", i + 1));
    put(w, "name", categories[i]);
    w.EndObject();
  }
  w.EndArray();
  w.Key("rooms");
  w.StartArray();
  for (std::uint32_t location = 1; location <= kLocations; ++location) {
    const auto rooms = synthetic::rooms();
    for (std::size_t i = 0; i < rooms.size(); ++i) {
      w.StartObject();
      put(w, "id", fmt::format("loc-{}-room-{}", location, i + 1));
      put(w, "name", rooms[i].name);
      put(w, "capacity", rooms[i].capacity);
      w.EndObject();
    }
  }
  w.EndArray();
  w.Key("meeting_types");
  w.StartArray();
  const auto types = synthetic::meeting_types();
  for (std::size_t i = 0; i < types.size(); ++i) {
    w.StartObject();
    put(w, "id", fmt::format("mt-{}", i + 1));
    put(w, "name", types[i].name);
    put(w, "duration_min", types[i].duration_min);
    w.EndObject();
  }
  w.EndArray();
}

// ---- export lines ----

struct Meeting {
  std::uint32_t location = 1;
  std::array<std::uint32_t, 2> advisors{};
  std::size_t advisor_count = 1;
  std::uint32_t room = 0;  // 1-based; 0 for remote meetings
  std::size_t theme = 0;
  std::size_t type = 0;
  std::size_t category = 0;
  std::string_view format;
  std::string_view source;
  std::string_view status;
  std::uint32_t participants = 1;
  UtcSeconds scheduled_start;
  UtcSeconds booked_at;
  std::optional<UtcSeconds> actual_start;
  std::int64_t actual_minutes = 0;
  UtcSeconds last_modified;
  std::size_t offset = 0;  // index into kOffsets, one per meeting as BookMe writes a location's zone
};

std::uint32_t draw_room(Xoshiro256& rng, std::uint32_t participants) {
  const auto rooms = synthetic::rooms();
  for (;;) {
    const auto index = rng.below(rooms.size());
    if (rooms[index].capacity >= participants) {
      return static_cast<std::uint32_t>(index + 1);
    }
  }
}

// Past meetings in the 180 days before as_of, scheduled ones in the 30 days after; 15-minute slots 08:00-16:00.
void draw_times(Xoshiro256& rng, UtcSeconds as_of, Meeting& m) {
  const auto as_of_day = date::floor<date::days>(as_of);
  const bool future = m.status == "scheduled";
  const auto day = future ? as_of_day + date::days{rng.between(1, 30)} : as_of_day - date::days{rng.between(1, 179)};
  m.scheduled_start = day + minutes{8 * 60 + 15 * rng.between(0, 32)};
  m.booked_at = m.scheduled_start - seconds{rng.between(30 * 60, 60 * 24 * 3600)};
  if (m.booked_at > as_of) {
    m.booked_at = as_of - seconds{rng.between(60, 3600)};
  }
  const auto configured = static_cast<std::int64_t>(synthetic::meeting_types()[m.type].duration_min);
  if (m.status == "completed") {
    m.actual_start = m.scheduled_start + minutes{rng.between(-5, 10)};
    m.actual_minutes = rng.chance(33) ? configured : std::max<std::int64_t>(10, configured + rng.between(-15, 20));
  }
  const auto settled = future ? m.booked_at : m.scheduled_start + minutes{configured};
  m.last_modified = std::min(as_of, settled + seconds{rng.between(60, 12 * 3600)});
}

Meeting draw_meeting(Xoshiro256& rng, UtcSeconds as_of) {
  Meeting m;
  m.location = 1 + rng.below(kLocations);
  m.advisors[0] = 1 + rng.below(kAdvisorsPerLocation);
  if (rng.chance(15)) {
    m.advisors[1] = 1 + (m.advisors[0] + rng.below(kAdvisorsPerLocation - 1)) % kAdvisorsPerLocation;
    m.advisor_count = 2;
  }
  m.theme = rng.weighted(synthetic::theme_weights());
  const auto& theme = synthetic::themes()[m.theme];
  m.type = theme.meeting_type;
  m.category = rng.weighted(theme.business ? kBusinessCategoryWeights : kPrivateCategoryWeights);
  m.format = kFormats[rng.weighted(kFormatWeights)];
  m.source = kSources[rng.weighted(kSourceWeights)];
  m.participants = 1 + rng.below(4);
  if (m.format == "phone") {
    m.participants = std::min<std::uint32_t>(m.participants, 2);
  }
  m.room = m.format == "in_person" ? draw_room(rng, m.participants) : 0;
  m.status = kStatuses[rng.weighted(kStatusWeights)];
  m.offset = rng.below(kOffsets.size());
  draw_times(rng, as_of, m);
  return m;
}

// Local time with its offset, e.g. "2026-06-03T10:15:00+02:00".
std::string local_text(UtcSeconds time, std::size_t offset) {
  const auto& [suffix, offset_minutes] = kOffsets[offset];
  const auto local = synthetic::format_utc_timestamp(time + minutes{offset_minutes});
  return fmt::format("{}{}", std::string_view(local.data(), local.size() - 1), suffix);
}

class ExportLineWriter {
 public:
  explicit ExportLineWriter(const ThemeIds& themes) : themes_(themes) {}

  std::string_view write(const std::string& org, std::uint64_t number, const Meeting& m) {
    json_.begin_row();
    json_.text("meeting_id", fmt::format("{}-m-{}", org, number));
    json_.text("org_id", org);
    json_.text("location_id", fmt::format("loc-{}", m.location));
    json_.begin_array("advisor_ids");
    for (std::size_t i = 0; i < m.advisor_count; ++i) {
      json_.array_text(fmt::format("adv-{}-{}", m.location, m.advisors[i]));
    }
    json_.end_array();
    json_.text("room_id", m.room == 0 ? std::string() : fmt::format("loc-{}-room-{}", m.location, m.room));
    const auto configured = synthetic::meeting_types()[m.type].duration_min;
    json_.text("scheduled_start", local_text(m.scheduled_start, m.offset));
    json_.text("scheduled_end", local_text(m.scheduled_start + minutes{configured}, m.offset));
    if (m.actual_start) {
      json_.text("actual_start", local_text(*m.actual_start, m.offset));
      json_.text("actual_end", local_text(*m.actual_start + minutes{m.actual_minutes}, m.offset));
    }
    json_.text("meeting_type_id", fmt::format("mt-{}", m.type + 1));
    json_.text("format", m.format);
    json_.text("booked_at", local_text(m.booked_at, m.offset));
    json_.text("booking_source", m.source);
    json_.text("theme_id", themes_.leaf(m.theme));
    json_.text("customer_category_id", fmt::format("cc-{}", m.category + 1));
    json_.integer("participants", m.participants);
    json_.text("status", m.status);
    json_.text("last_modified", local_text(m.last_modified, 0));
    return json_.end_row();
  }

 private:
  const ThemeIds& themes_;
  synthetic::JsonRowWriter json_;
};

// Three kinds in turn, each a mistake a real export can carry.
std::string broken_line(std::string_view good, std::uint64_t kind) {
  std::string line(good);
  switch (kind % 3) {
    case 1:
      return line.substr(0, line.size() / 2);  // cut off mid-line
    case 2: {
      const auto at = line.find("\"theme_id\":\"");
      return at == std::string::npos ? line : line.insert(at + 12, "no-such-");
    }
    default: {
      const auto at = line.find("\"scheduled_start\":\"");
      return at == std::string::npos ? line : line.replace(at + 19 + 5, 2, "13");
    }
  }
}

}  // namespace

void write_synthetic_reference(const std::filesystem::path& file, const SyntheticExportOptions& options) {
  validate_orgs(options);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  write_organisations(w, options);
  write_themes(w, ThemeIds{});
  write_categories_rooms_types(w);
  w.EndObject();
  OutputFile out(file);
  out.line({buffer.GetString(), buffer.GetSize()});
  out.finish();
}

void write_synthetic_export(const std::filesystem::path& file, const SyntheticExportOptions& options) {
  validate_orgs(options);
  const auto as_of = synthetic::parse_utc_timestamp(options.as_of, "synthetic meetings as_of");
  const ThemeIds themes;
  ExportLineWriter writer(themes);
  std::vector<std::string> orgs = options.orgs;
  orgs.emplace_back(kSyntheticDisabledOrg);
  const auto disabled_meetings = std::max<std::uint64_t>(1, options.meetings_per_org / 20);
  OutputFile out(file);
  std::uint64_t lines = 0;
  for (std::uint64_t number = 1; number <= options.meetings_per_org; ++number) {
    for (const auto& org : orgs) {
      if (org == kSyntheticDisabledOrg && number > disabled_meetings) {
        continue;
      }
      Xoshiro256 rng(synthetic::derive_seed(synthetic::org_seed(options.seed, org), kExportStream, number));
      const auto line = writer.write(org, number, draw_meeting(rng, as_of));
      ++lines;
      const auto place = lines % kBadLineEvery;
      if (options.bad_lines && (place == 3 || place == 5 || place == 7)) {
        out.line(broken_line(line, place / 2));
      } else {
        out.line(line);
      }
    }
  }
  out.finish();
}

}  // namespace insights::meetings
