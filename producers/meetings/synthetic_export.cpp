#include "producers/meetings/synthetic_export.h"

#include <array>
#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "producers/meetings/synthetic_catalogue.h"
#include "producers/synthetic/json_row_writer.h"
#include "producers/synthetic/prng.h"
#include "producers/synthetic/reference_data.h"
#include "producers/synthetic/utc_time.h"

namespace insights::meetings {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using synthetic::UtcSeconds;
using synthetic::Xoshiro256;
using synthetic_input::kLocations;
using synthetic_input::ThemeIds;

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

void write_synthetic_export(const std::filesystem::path& file, const SyntheticExportOptions& options) {
  synthetic_input::validate_orgs(options);
  const auto as_of = synthetic::parse_utc_timestamp(options.as_of, "synthetic meetings as_of");
  const ThemeIds themes;
  ExportLineWriter writer(themes);
  std::vector<std::string> orgs = options.orgs;
  orgs.emplace_back(kSyntheticDisabledOrg);
  const auto disabled_meetings = std::max<std::uint64_t>(1, options.meetings_per_org / 20);
  synthetic_input::OutputFile out(file);
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
