#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace insights::availability {

// [from, to) in minutes after local midnight; to may be 1440 (midnight at the end of the day).
struct ClockRange {
  std::uint16_t from = 0;
  std::uint16_t to = 0;
  bool operator==(const ClockRange&) const = default;
};

// Index 0 is Monday, 6 is Sunday (ISO weekday - 1).
using WeeklyHours = std::array<std::vector<ClockRange>, 7>;

// Minutes since 1970-01-01T00:00; a UTC instant, or a wall-clock time in the location's time zone.
struct Moment {
  std::int64_t minutes = 0;
  bool utc = false;
  bool operator==(const Moment&) const = default;
};

// Days since 1970-01-01 of a local calendar date.
using LocalDate = std::int32_t;

struct MeetingType {
  std::string id;
  std::string name;
  std::uint32_t duration_minutes = 0;
  std::uint32_t buffer_minutes = 0;  // kept free after the meeting
};

struct Holiday {
  LocalDate date = 0;
  std::string name;
};

struct Location {
  std::string id;
  std::string name;
  std::string time_zone;  // IANA name, e.g. Europe/Oslo
  WeeklyHours opening_hours;
  std::vector<LocalDate> closed_dates;  // whole local days closed for other reasons than a holiday
  std::vector<Holiday> holidays;
};

// Where an advisor works and when, in that location's time zone.
struct AdvisorLocation {
  std::string location_id;
  WeeklyHours working_hours;
};

struct Absence {
  Moment start;
  Moment end;
  std::string reason;  // free text from the booking system, not exported
};

struct Advisor {
  std::string id;
  std::string name;
  std::vector<AdvisorLocation> locations;
  WeeklyHours breaks;  // local time of whichever location the advisor is at
  std::vector<Absence> absences;
  std::vector<std::string> meeting_types;  // ids of the types the advisor can hold
  std::uint32_t max_meetings_per_day = 0;  // 0: no limit
};

struct Booking {
  std::string id;
  std::string advisor_id;
  std::string location_id;
  std::string meeting_type;
  Moment start;
  Moment end;
};

struct OrganisationSettings {
  std::uint32_t horizon_days = 60;
  std::uint32_t granularity_minutes = 60;
  std::vector<std::string> locations;  // empty: every location of the organisation
};

struct Organisation {
  std::string id;
  std::string name;
  bool insights_enabled = false;
  OrganisationSettings settings;
  std::vector<MeetingType> meeting_types;
  std::vector<Location> locations;
  std::vector<Advisor> advisors;
  std::vector<Booking> bookings;  // existing bookings in the horizon (cancelled ones are not in the snapshot)
};

inline constexpr int kSnapshotVersion = 1;

// One export of BookMe's organisation data: everything the availability simulation reads.
struct Snapshot {
  int version = kSnapshotVersion;
  std::string exported_at;  // informational, "YYYY-MM-DDTHH:MM:SSZ"
  std::vector<Organisation> organisations;
};

}  // namespace insights::availability
