#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace insights::synthetic {

// The reference data a BookMe organisation would hold, fixed so that generated rows are reproducible.
// Some names carry commas, quotes and non-ASCII UTF-8 on purpose: they exercise CSV quoting downstream.

struct MeetingType {
  std::string_view name;
  std::uint32_t duration_min;
};

struct Theme {
  std::array<std::string_view, 3> levels;  // an empty third level means a two-level theme
  std::size_t meeting_type;                // index into meeting_types()
  bool business;                           // drawn mostly for business customer categories
};

struct Room {
  std::string_view name;
  std::uint32_t capacity;
};

std::span<const MeetingType> meeting_types();
std::span<const Theme> themes();
std::span<const std::uint32_t> theme_weights();  // parallel to themes()
std::span<const Room> rooms();                   // every location has each of these rooms

std::span<const std::string_view> customer_categories();  // private first, then business ones

// Location names such as "oslo-sentrum" for location number 1.., for display next to the ids "loc-<n>".
std::string location_name(std::uint32_t number);

}  // namespace insights::synthetic
