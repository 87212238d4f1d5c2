#include "producers/synthetic/availability_generator.h"

#include <string_view>

#include <fmt/format.h>

#include "producers/synthetic/advisor_day_plan.h"
#include "producers/synthetic/json_row_writer.h"
#include "producers/synthetic/opening_calendar.h"
#include "producers/synthetic/org_id.h"
#include "producers/synthetic/prng.h"
#include "producers/synthetic/reference_data.h"
#include "producers/synthetic/utc_time.h"

namespace insights::synthetic {

namespace {

constexpr std::uint64_t kProfileStream = 1;
constexpr std::uint64_t kDayStream = 2;
constexpr std::uint32_t kHoursPerDay = 24;
constexpr std::uint32_t kMinBookableMinutes = 30;

// The ids of one advisor, formatted once and reused for every hour of the period.
struct AdvisorIds {
  AdvisorIds(std::string_view org, std::uint32_t location, std::uint32_t advisor)
      : location_id(fmt::format("loc-{}", location)),
        advisor_id(fmt::format("adv-{}-{}", location, advisor)),
        slot_prefix(fmt::format("{}/{}/{}/", org, location_id, advisor_id)) {}

  std::string location_id;
  std::string advisor_id;
  std::string slot_prefix;
};

class AvailabilityWriter {
 public:
  explicit AvailabilityWriter(std::string_view org) : org_(org) {}

  std::string_view write(const AdvisorIds& ids, const AdvisorProfile& profile, UtcSeconds hour_start,
                         const HourSlot& slot) {
    const auto hour_text = format_utc_timestamp(hour_start);
    slot_id_.assign(ids.slot_prefix).append(as_view(hour_text));
    writer_.begin_row();
    writer_.text("slot_id", slot_id_);
    writer_.text("org_id", org_);
    writer_.text("location_id", ids.location_id);
    writer_.text("advisor_id", ids.advisor_id);
    writer_.text("hour_start", as_view(hour_text));
    writer_.text("status", slot_status(slot));
    writer_.integer("available_minutes", slot.available_minutes);
    writer_.integer("booked_minutes", slot.booked_minutes);
    writer_.text("reason", reason_name(slot.reason));
    write_bookable_types(profile, slot.available_minutes);
    return writer_.end_row();
  }

 private:
  void write_bookable_types(const AdvisorProfile& profile, std::uint32_t available_minutes) {
    writer_.begin_array("bookable_meeting_types");
    if (available_minutes >= kMinBookableMinutes) {
      const auto types = meeting_types();
      for (std::size_t i = 0; i < types.size(); ++i) {
        if ((profile.capabilities & (1U << i)) != 0 && types[i].duration_min <= available_minutes) {
          writer_.array_text(types[i].name);
        }
      }
    }
    writer_.end_array();
  }

  std::string_view org_;
  JsonRowWriter writer_;
  std::string slot_id_;
};

void generate_advisor(const AvailabilityOptions& options, std::uint64_t base, date::sys_days start,
                      std::uint32_t location, std::uint32_t advisor, AvailabilityWriter& writer,
                      const RowSink& emit) {
  const AdvisorIds ids(options.org, location, advisor);
  const auto advisor_key = (static_cast<std::uint64_t>(location) << 32) | advisor;
  Xoshiro256 profile_rng(derive_seed(base, kProfileStream, advisor_key));
  const auto profile = draw_advisor_profile(profile_rng);
  for (std::uint32_t offset = 0; offset < options.days; ++offset) {
    const auto day = start + date::days{offset};
    // Keyed by the date itself, so a day looks the same whichever start_date the window has.
    const auto day_key = static_cast<std::uint64_t>(day.time_since_epoch().count());
    Xoshiro256 day_rng(derive_seed(base, kDayStream, advisor_key, day_key));
    const auto plan = plan_advisor_day(profile, day_kind(day), day_rng);
    for (std::uint32_t hour = 0; hour < kHoursPerDay; ++hour) {
      emit(writer.write(ids, profile, day + std::chrono::hours{hour}, plan[hour]));
    }
  }
}

}  // namespace

void generate_availability(const AvailabilityOptions& options, const RowSink& emit) {
  validate_org_id(options.org);
  const auto start = parse_utc_date(options.start_date, "availability start_date");
  const auto base = org_seed(options.seed, options.org);
  AvailabilityWriter writer(options.org);
  for (std::uint32_t location = 1; location <= options.locations; ++location) {
    for (std::uint32_t advisor = 1; advisor <= options.advisors_per_location; ++advisor) {
      generate_advisor(options, base, start, location, advisor, writer, emit);
    }
  }
}

std::uint64_t availability_row_count(const AvailabilityOptions& options) {
  return static_cast<std::uint64_t>(options.locations) * options.advisors_per_location * kHoursPerDay * options.days;
}

}  // namespace insights::synthetic
